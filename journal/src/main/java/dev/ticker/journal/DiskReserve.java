package dev.ticker.journal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Keeps the writer's mapped stores from ever meeting a full disk. Chronicle Queue writes records
 * through memory-mapped files that it grows sparsely ({@code RandomAccessFile.setLength}), so a
 * page first touched when the disk is full faults the writing thread ({@code InternalError} from
 * SIGBUS) instead of failing a call. This reserve allocates the file's blocks ahead of the write
 * position with ordinary positional writes of zeros – exactly what a reader already sees there –
 * which fail with an {@code IOException} when space runs out, and refuses to grow, or to start a new
 * roll cycle file, unless the file system keeps {@code minFreeDiskBytes} free after it. The appender
 * asks it before every append and hears a plain "no" when space is short.
 *
 * <p>Not thread-safe: owned by the appender's thread.
 */
final class DiskReserve implements AutoCloseable
{
    /** Bytes kept allocated beyond the write position: a record, an index array (32 KiB) and the end-of-file marker. */
    static final long HEADROOM_BYTES = 1L << 20;

    private final File queueDirectory;
    private final long minFreeDiskBytes;
    private final long preallocationBytes;
    private final ByteBuffer zeros = ByteBuffer.allocateDirect(64 * 1024);
    private FileChannel channel;
    private int cycle = Integer.MIN_VALUE;
    private long allocatedTo;
    private boolean full;
    private String reason = "";

    DiskReserve(final File queueDirectory, final long minFreeDiskBytes, final long preallocationBytes)
    {
        this.queueDirectory = queueDirectory;
        this.minFreeDiskBytes = minFreeDiskBytes;
        this.preallocationBytes = preallocationBytes;
    }

    /**
     * Whether the next record may be written: the write position has allocated headroom, or the file
     * system has room to give it some.
     *
     * @param newFile the next record starts a file (the first append of this writer, or a new roll cycle).
     */
    boolean canAppend(final boolean newFile, final long writePosition)
    {
        if (!newFile && null != channel && writePosition + HEADROOM_BYTES <= allocatedTo)
        {
            return true;
        }
        final long usable = queueDirectory.getUsableSpace();
        if (usable < minFreeDiskBytes + (newFile ? 0 : preallocationBytes))
        {
            return refuse("the disk holding " + queueDirectory + " has " + usable + " bytes free, less than " +
                "minFreeDiskBytes=" + minFreeDiskBytes + (newFile ? "" : " plus the next preallocation of " + preallocationBytes));
        }
        if (!newFile && null != channel)
        {
            return grow(writePosition);
        }
        full = false;
        return true;
    }

    /** Called after each record: follows the writer into a new file and notes where it writes. */
    void onAppended(final int appenderCycle, final File currentFile, final long writePosition)
    {
        if (appenderCycle != cycle)
        {
            closeChannel();
            cycle = appenderCycle;
            try
            {
                channel = FileChannel.open(currentFile.toPath(), StandardOpenOption.WRITE);
                allocatedTo = writePosition;
            }
            catch (final IOException ex)
            {
                channel = null;
                throw new JournalException("cannot open " + currentFile + " to reserve disk space: " + TickJournal.describe(ex), ex);
            }
        }
    }

    /** Whether the last {@link #canAppend} refused for want of space. */
    boolean isFull()
    {
        return full;
    }

    /** Why the last refusal happened, naming the disk and the figures. */
    String reason()
    {
        return reason;
    }

    private boolean grow(final long writePosition)
    {
        final long from = Math.max(allocatedTo, writePosition);
        final long to = from + preallocationBytes;
        try
        {
            // Never past the blocks already there: only zeros, in the range readers see as unwritten.
            for (long position = from; position < to; position += zeros.capacity())
            {
                zeros.clear().limit((int)Math.min(zeros.capacity(), to - position));
                while (zeros.hasRemaining())
                {
                    channel.write(zeros, position + zeros.position());
                }
            }
            allocatedTo = to;
            full = false;
            return true;
        }
        catch (final IOException ex)
        {
            return refuse("cannot reserve " + preallocationBytes + " bytes at offset " + from + " of the journal file in " +
                queueDirectory + ": " + TickJournal.describe(ex));
        }
    }

    private boolean refuse(final String why)
    {
        full = true;
        reason = why;
        return false;
    }

    private void closeChannel()
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot close a journal file after reserving space: " + TickJournal.describe(ex), ex);
            }
            finally
            {
                channel = null;
            }
        }
    }

    @Override
    public void close()
    {
        closeChannel();
    }
}
