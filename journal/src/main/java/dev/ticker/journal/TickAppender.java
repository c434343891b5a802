package dev.ticker.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.channels.FileLock;

/**
 * The single writer of a journal: appends tick records with the next contiguous sequence, each
 * stamped with its checksum. A new appender continues from the last sequence on disk, so the
 * sequence survives restarts.
 *
 * <p>A full disk is a return value, not a fault: before writing into new space the appender makes
 * the {@link DiskReserve} allocate it, and when the disk cannot keep
 * {@link JournalConfiguration#minFreeDiskBytes()} free it appends nothing and returns
 * {@link #DISK_FULL}; {@link #diskFullReason()} says why. Everything written stays readable, and
 * appending resumes by itself, with the next sequence, once space is back.
 *
 * <p>Appending allocates nothing. A record is either written whole or not at all: Chronicle
 * publishes a document only when it is complete. Not thread-safe: one thread appends.
 */
public final class TickAppender implements AutoCloseable
{
    /** What an append returns when it wrote nothing because the disk is (nearly) full. */
    public static final long DISK_FULL = -1;

    private final TickJournal journal;
    private final ExcerptAppender appender;
    private final FileLock writerLock;
    private final JournalTimeProvider timeProvider;
    private final DiskReserve reserve;
    private final TickRecord record = new TickRecord();
    private final long cycleLengthMs = TickJournal.ROLL_CYCLE.lengthInMillis();
    private long lastSequence;
    private long lastCycle = Long.MIN_VALUE;
    private long writePosition;

    TickAppender(
        final TickJournal journal,
        final ExcerptAppender appender,
        final FileLock writerLock,
        final DiskReserve reserve,
        final long lastSequence)
    {
        this.journal = journal;
        this.appender = appender;
        this.writerLock = writerLock;
        this.reserve = reserve;
        this.timeProvider = journal.timeProvider();
        this.lastSequence = lastSequence;
    }

    /** Whether the last append was refused for want of disk space (it clears when one succeeds). */
    public boolean isDiskFull()
    {
        return reserve.isFull();
    }

    /** Why appending stopped: the disk, the space free and the setting; empty while appending works. */
    public String diskFullReason()
    {
        return reserve.isFull() ? reserve.reason() : "";
    }

    /** The sequence of the last record appended, or {@link TickDescriptor#NO_SEQUENCE} for none. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** Appends a trade and returns its sequence, or {@link #DISK_FULL}. */
    public long appendTrade(
        final long eventTimeNs, final int instrumentId, final long price, final long size, final byte side)
    {
        return append(TickDescriptor.TYPE_TRADE, side, eventTimeNs, instrumentId, price, size, 0, 0);
    }

    /** Appends a best bid/offer and returns its sequence, or {@link #DISK_FULL}. */
    public long appendQuote(
        final long eventTimeNs,
        final int instrumentId,
        final long bidPrice,
        final long bidSize,
        final long askPrice,
        final long askSize)
    {
        return append(TickDescriptor.TYPE_QUOTE, TickDescriptor.SIDE_UNKNOWN, eventTimeNs, instrumentId,
            bidPrice, bidSize, askPrice, askSize);
    }

    /** Appends a change of trading status ({@link TickDescriptor#STATUS_HALTED} etc.) and returns its sequence, or {@link #DISK_FULL}. */
    public long appendStatus(final long eventTimeNs, final int instrumentId, final byte status)
    {
        return append(TickDescriptor.TYPE_STATUS, status, eventTimeNs, instrumentId, 0, 0, 0, 0);
    }

    /**
     * Appends a copy of {@code tick} (its sequence is ignored), sets the new sequence on it and
     * returns it; or returns {@link #DISK_FULL}, leaving the tick as it was.
     */
    public long append(final Tick tick)
    {
        final long sequence = append(tick.type, tick.side, tick.eventTimeNs, tick.instrumentId,
            tick.price, tick.size, tick.askPrice, tick.askSize);
        if (DISK_FULL != sequence)
        {
            tick.sequence = sequence;
        }
        return sequence;
    }

    /**
     * Appends a copy of {@code tick} like {@link #append(Tick)}, for writers that run once over
     * their input (generate, import, copies, repair) rather than live: a full disk ends the run.
     *
     * @throws JournalException with {@link #diskFullReason()} when the disk is full.
     */
    public long appendOrThrow(final Tick tick)
    {
        final long sequence = append(tick);
        if (DISK_FULL == sequence)
        {
            throw new JournalException("the journal " + journal.directory() + " cannot take more records after sequence " +
                lastSequence + ": " + diskFullReason());
        }
        return sequence;
    }

    private long append(
        final byte type,
        final byte side,
        final long eventTimeNs,
        final int instrumentId,
        final long price,
        final long size,
        final long askPrice,
        final long askSize)
    {
        final long sequence = lastSequence + 1;
        final long cycle = Math.floorDiv(timeProvider.cycleTimeMsAfter(eventTimeNs), cycleLengthMs);
        if (!reserve.canAppend(cycle != lastCycle, writePosition))
        {
            return DISK_FULL;
        }
        record.encode(sequence, eventTimeNs, type, side, instrumentId, price, size, askPrice, askSize);
        timeProvider.onAppend(eventTimeNs);
        try (DocumentContext dc = appender.writingDocument())
        {
            // the whole record in one copy: each write into the mapped file pays the queue's checks
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.write(record.bytes(), 0, TickDescriptor.LENGTH);
            writePosition = bytes.writePosition();
        }
        if (cycle != lastCycle)
        {
            // the first record of this writer or of a new roll cycle file: reserve space in that file from here
            reserve.onAppended(appender.cycle(), appender.currentFile(), writePosition);
            lastCycle = cycle;
        }
        lastSequence = sequence;
        return sequence;
    }

    @Override
    public void close()
    {
        try
        {
            reserve.close();
            appender.close();
        }
        finally
        {
            try
            {
                writerLock.channel().close();
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot release writer lock of " + journal.directory() + ": " +
                    TickJournal.describe(ex), ex);
            }
        }
    }
}
