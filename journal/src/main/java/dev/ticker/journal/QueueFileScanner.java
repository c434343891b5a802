package dev.ticker.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads one queue file byte by byte, without Chronicle, following the framing of Chronicle Queue's
 * documents: a 4-byte header on a 4-byte boundary (length in the low 30 bits, bit 30 set for
 * metadata, bit 31 set while the document is being written; zero where nothing is written yet)
 * then the document. Damage cannot derail it: where the framing breaks it searches forward for the
 * next intact tick record (a complete data header of {@link TickDescriptor#LENGTH} bytes whose
 * checksum matches) and carries on from there, so that every intact record is found and every
 * damaged range is named by its byte offsets.
 */
final class QueueFileScanner implements AutoCloseable
{
    /** What the scanner reports as it goes. */
    interface Listener
    {
        /** An intact record, at {@code offset} (of its header) in the file. */
        void onRecord(Path file, long offset, Tick tick);

        /** Bytes {@code [from, to)} of the file hold no intact record where the framing says one should be. */
        void onDamage(Path file, long from, long to, String why);
    }

    static final int HEADER_LENGTH = 4;
    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final int META_DATA = 0x4000_0000;
    private static final int LENGTH_MASK = 0x3FFF_FFFF;
    private static final int WINDOW_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final TickRecord record = new TickRecord();
    private final Tick tick = new Tick();
    private long windowStart = -1;
    private long windowEnd = -1;

    QueueFileScanner(final Path file) throws IOException
    {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
    }

    /** Walks the whole file, reporting records and damage in file order. */
    void scan(final Listener listener) throws IOException
    {
        long position = 0;
        while (position + HEADER_LENGTH <= size)
        {
            final int header = readInt(position);
            if (0 == header || (NOT_COMPLETE | META_DATA) == header)
            {
                // nothing written from here on (or the end-of-file marker of a finished roll cycle),
                // unless records follow a hole of zeros
                final long next = findRecord(position + HEADER_LENGTH);
                if (next < 0)
                {
                    return;
                }
                listener.onDamage(file, position, next, 0 == header ? "zeros where records were written" :
                    "records after the end-of-file marker");
                position = next;
                continue;
            }
            final long length = header & LENGTH_MASK;
            final long end = position + HEADER_LENGTH + length;
            if ((header & NOT_COMPLETE) != 0)
            {
                final long next = findRecord(position + HEADER_LENGTH);
                if (next < 0)
                {
                    // the writer is writing it now, or stopped while writing it (the next append
                    // recovers it): either way the end of the records, not damage
                    return;
                }
                listener.onDamage(file, position, next, "an unfinished or garbled document header");
                position = next;
                continue;
            }
            if (end > size)
            {
                final long next = findRecord(position + HEADER_LENGTH);
                listener.onDamage(file, position, next < 0 ? size : next, "a document of " + length +
                    " bytes runs past the end of the file (" + size + " bytes): the file was cut short or the header is garbled");
                if (next < 0)
                {
                    return;
                }
                position = next;
                continue;
            }
            if ((header & META_DATA) != 0)
            {
                position = align(end);
                continue;
            }
            if (TickDescriptor.LENGTH == length && isRecord(position))
            {
                listener.onRecord(file, position, tick);
                position = align(end);
                continue;
            }
            if (TickDescriptor.LENGTH_WITHOUT_CHECKSUM == length)
            {
                decode(position + HEADER_LENGTH);
                listener.onRecord(file, position, tick);
                position = align(end);
                continue;
            }
            final long next = findRecord(position + HEADER_LENGTH);
            listener.onDamage(file, position, next < 0 ? size : next, TickDescriptor.LENGTH == length ?
                "a record whose checksum does not match its contents" : "a data document of " + length + " bytes, not a tick record");
            if (next < 0)
            {
                return;
            }
            position = next;
        }
    }

    /** The offset of the next intact record at or after {@code from}, or -1. */
    private long findRecord(final long from)
    {
        for (long position = align(from); position + HEADER_LENGTH + TickDescriptor.LENGTH <= size; position += 4)
        {
            if (TickDescriptor.LENGTH == readInt(position) && isRecord(position))
            {
                return position;
            }
        }
        return -1;
    }

    private boolean isRecord(final long headerOffset)
    {
        final long offset = headerOffset + HEADER_LENGTH;
        decode(offset);
        return tick.sequence > 0 && readInt(offset + TickDescriptor.CHECKSUM_OFFSET) == record.checksumOf(tick);
    }

    private void decode(final long offset)
    {
        tick.sequence = readLong(offset + TickDescriptor.SEQUENCE_OFFSET);
        tick.eventTimeNs = readLong(offset + TickDescriptor.EVENT_TIME_OFFSET);
        tick.type = readByte(offset + TickDescriptor.TYPE_OFFSET);
        tick.side = readByte(offset + TickDescriptor.SIDE_OFFSET);
        tick.instrumentId = readInt(offset + TickDescriptor.INSTRUMENT_ID_OFFSET);
        tick.price = readLong(offset + TickDescriptor.PRICE_OFFSET);
        tick.size = readLong(offset + TickDescriptor.SIZE_OFFSET);
        tick.askPrice = readLong(offset + TickDescriptor.ASK_PRICE_OFFSET);
        tick.askSize = readLong(offset + TickDescriptor.ASK_SIZE_OFFSET);
    }

    private static long align(final long position)
    {
        return (position + 3) & ~3L;
    }

    private int readInt(final long position)
    {
        return window(position, Integer.BYTES).getInt((int)(position - windowStart));
    }

    private long readLong(final long position)
    {
        return window(position, Long.BYTES).getLong((int)(position - windowStart));
    }

    private byte readByte(final long position)
    {
        return window(position, 1).get((int)(position - windowStart));
    }

    private ByteBuffer window(final long position, final int length)
    {
        if (position < windowStart || position + length > windowEnd)
        {
            try
            {
                window.clear();
                long at = position;
                while (window.hasRemaining() && at < size)
                {
                    final int read = channel.read(window, at);
                    if (read < 0)
                    {
                        break;
                    }
                    at += read;
                }
                windowStart = position;
                windowEnd = position + window.position();
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot read " + file + " at offset " + position + ": " + TickJournal.describe(ex), ex);
            }
        }
        return window;
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
