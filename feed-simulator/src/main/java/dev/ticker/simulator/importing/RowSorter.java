package dev.ticker.simulator.importing;

import com.carrotsearch.hppc.sorting.IndirectSort;
import dev.ticker.journal.JournalException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts any number of rows into time order within a bounded heap: rows are held in primitive
 * arrays (46 bytes a row, no object per row) in chunks sized from the heap; a full chunk is sorted
 * and spilled to a file beside the journal, and the chunks are merged at the end. The order is
 * stable: rows of equal time keep the order they were added in (trades are added before quotes,
 * so a trade goes before a quote of the same time).
 */
final class RowSorter implements AutoCloseable
{
    /** Bytes a row takes in a chunk: its fields and its place in the sorted order (and the sort's scratch). */
    static final int BYTES_PER_ROW = 8 + 4 + 1 + 1 + 4 * 8 + 2 * 4;
    private static final int MIN_CHUNK_ROWS = 1 << 16;
    private static final int MAX_CHUNK_ROWS = 1 << 23;
    private static final int BUFFER_BYTES = 1 << 16;

    /** Hears the rows in time order. */
    interface RowHandler
    {
        void onRow(long timeNs, int instrument, byte type, byte side, long price, long size, long askPrice, long askSize);
    }

    private final Path spillParent;
    private final int chunkRows;
    private long[] timeNs;
    private int[] instrument;
    private byte[] type;
    private byte[] side;
    private long[] price;
    private long[] size;
    private long[] askPrice;
    private long[] askSize;
    private final List<Path> spills = new ArrayList<>();
    private final List<Integer> spillRows = new ArrayList<>();
    private Path spillDirectory;
    private int rows;
    private long total;

    /**
     * @param spillParent where a folder for the spilled chunks is made when the rows do not fit one chunk.
     * @param chunkRows   rows held in memory at a time.
     */
    RowSorter(final Path spillParent, final int chunkRows)
    {
        this.spillParent = spillParent;
        this.chunkRows = chunkRows;
        grow(Math.min(chunkRows, MIN_CHUNK_ROWS));
    }

    /** The arrays grow to a chunk as rows come, so a small file takes little memory. */
    private void grow(final int capacity)
    {
        timeNs = null == timeNs ? new long[capacity] : Arrays.copyOf(timeNs, capacity);
        instrument = null == instrument ? new int[capacity] : Arrays.copyOf(instrument, capacity);
        type = null == type ? new byte[capacity] : Arrays.copyOf(type, capacity);
        side = null == side ? new byte[capacity] : Arrays.copyOf(side, capacity);
        price = null == price ? new long[capacity] : Arrays.copyOf(price, capacity);
        size = null == size ? new long[capacity] : Arrays.copyOf(size, capacity);
        askPrice = null == askPrice ? new long[capacity] : Arrays.copyOf(askPrice, capacity);
        askSize = null == askSize ? new long[capacity] : Arrays.copyOf(askSize, capacity);
    }

    /** Rows a chunk holds when it may take a quarter of the heap this JVM may grow to. */
    static int chunkRowsForHeap(final long maxHeapBytes)
    {
        return (int)Math.max(MIN_CHUNK_ROWS, Math.min(MAX_CHUNK_ROWS, maxHeapBytes / 4 / BYTES_PER_ROW));
    }

    void add(
        final long timeNs, final int instrument, final byte type, final byte side,
        final long price, final long size, final long askPrice, final long askSize)
    {
        if (rows == chunkRows)
        {
            spill();
        }
        else if (rows == this.timeNs.length)
        {
            grow((int)Math.min(chunkRows, 2L * rows));
        }
        this.timeNs[rows] = timeNs;
        this.instrument[rows] = instrument;
        this.type[rows] = type;
        this.side[rows] = side;
        this.price[rows] = price;
        this.size[rows] = size;
        this.askPrice[rows] = askPrice;
        this.askSize[rows] = askSize;
        rows++;
        total++;
    }

    long total()
    {
        return total;
    }

    /** How many chunks went to disk. */
    int spilledChunks()
    {
        return spills.size();
    }

    /** Hands every row added to {@code handler}, in time order; once. */
    void drain(final RowHandler handler)
    {
        final int[] order = sortedOrder();
        final List<Cursor> cursors = new ArrayList<>(spills.size() + 1);
        try
        {
            for (int i = 0; i < spills.size(); i++)
            {
                cursors.add(new FileCursor(spills.get(i), spillRows.get(i)));
            }
            cursors.add(new MemoryCursor(order));
            for (final Cursor cursor : cursors)
            {
                cursor.next();
            }
            // few chunks: a scan for the earliest head beats a heap; the earlier chunk wins a tie
            while (true)
            {
                Cursor earliest = null;
                for (final Cursor cursor : cursors)
                {
                    if (cursor.hasRow && (null == earliest || cursor.timeNs < earliest.timeNs))
                    {
                        earliest = cursor;
                    }
                }
                if (null == earliest)
                {
                    break;
                }
                handler.onRow(earliest.timeNs, earliest.instrument, earliest.type, earliest.side,
                    earliest.price, earliest.size, earliest.askPrice, earliest.askSize);
                earliest.next();
            }
        }
        finally
        {
            for (final Cursor cursor : cursors)
            {
                cursor.close();
            }
        }
    }

    private int[] sortedOrder()
    {
        // stable: equal times keep the order the rows were added in
        return IndirectSort.mergesort(0, rows, (a, b) -> Long.compare(timeNs[a], timeNs[b]));
    }

    private void spill()
    {
        final int[] order = sortedOrder();
        try
        {
            if (null == spillDirectory)
            {
                spillDirectory = Files.createTempDirectory(spillParent, ".import-sort-");
            }
            final Path spill = spillDirectory.resolve("chunk-" + spills.size());
            spills.add(spill);
            spillRows.add(rows);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill), BUFFER_BYTES)))
            {
                for (final int i : order)
                {
                    out.writeLong(timeNs[i]);
                    out.writeInt(instrument[i]);
                    out.writeByte(type[i]);
                    out.writeByte(side[i]);
                    out.writeLong(price[i]);
                    out.writeLong(size[i]);
                    out.writeLong(askPrice[i]);
                    out.writeLong(askSize[i]);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot spill sorted rows beside the journal (" + spillParent + "): " + ex.getMessage(), ex);
        }
        rows = 0;
    }

    /** Removes the spilled chunks. */
    @Override
    public void close()
    {
        if (null == spillDirectory)
        {
            return;
        }
        try (Stream<Path> files = Files.walk(spillDirectory))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + spillDirectory, ex);
        }
    }

    /** The head row of one sorted chunk. */
    private abstract static class Cursor implements AutoCloseable
    {
        boolean hasRow;
        long timeNs;
        int instrument;
        byte type;
        byte side;
        long price;
        long size;
        long askPrice;
        long askSize;

        abstract void next();

        @Override
        public void close()
        {
        }
    }

    private final class MemoryCursor extends Cursor
    {
        private final int[] order;
        private int at;

        MemoryCursor(final int[] order)
        {
            this.order = order;
        }

        @Override
        void next()
        {
            hasRow = at < order.length;
            if (hasRow)
            {
                final int i = order[at++];
                timeNs = RowSorter.this.timeNs[i];
                instrument = RowSorter.this.instrument[i];
                type = RowSorter.this.type[i];
                side = RowSorter.this.side[i];
                price = RowSorter.this.price[i];
                size = RowSorter.this.size[i];
                askPrice = RowSorter.this.askPrice[i];
                askSize = RowSorter.this.askSize[i];
            }
        }
    }

    private static final class FileCursor extends Cursor
    {
        private final Path file;
        private final DataInputStream in;
        private int remaining;

        FileCursor(final Path file, final int rows)
        {
            this.file = file;
            this.remaining = rows;
            try
            {
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read " + file, ex);
            }
        }

        @Override
        void next()
        {
            hasRow = remaining-- > 0;
            if (!hasRow)
            {
                return;
            }
            try
            {
                timeNs = in.readLong();
                instrument = in.readInt();
                type = in.readByte();
                side = in.readByte();
                price = in.readLong();
                size = in.readLong();
                askPrice = in.readLong();
                askSize = in.readLong();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read " + file, ex);
            }
        }

        @Override
        public void close()
        {
            try
            {
                in.close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot close " + file, ex);
            }
        }
    }
}
