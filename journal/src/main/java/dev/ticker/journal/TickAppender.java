package dev.ticker.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.channels.FileLock;

/**
 * The single writer of a journal: appends tick records with the next contiguous sequence. A new
 * appender continues from the last sequence on disk, so the sequence survives restarts.
 *
 * <p>Appending allocates nothing. A record is either written whole or not at all: Chronicle
 * publishes a document only when it is complete. Not thread-safe: one thread appends.
 */
public final class TickAppender implements AutoCloseable
{
    private final TickJournal journal;
    private final ExcerptAppender appender;
    private final FileLock writerLock;
    private final JournalTimeProvider timeProvider;
    private long lastSequence;

    TickAppender(final TickJournal journal, final ExcerptAppender appender, final FileLock writerLock, final long lastSequence)
    {
        this.journal = journal;
        this.appender = appender;
        this.writerLock = writerLock;
        this.timeProvider = journal.timeProvider();
        this.lastSequence = lastSequence;
    }

    /** The sequence of the last record appended, or {@link TickDescriptor#NO_SEQUENCE} for none. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** Appends a trade and returns its sequence. */
    public long appendTrade(
        final long eventTimeNs, final int instrumentId, final long price, final long size, final byte side)
    {
        return append(TickDescriptor.TYPE_TRADE, side, eventTimeNs, instrumentId, price, size, 0, 0);
    }

    /** Appends a best bid/offer and returns its sequence. */
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

    /** Appends a change of trading status ({@link TickDescriptor#STATUS_HALTED} etc.) and returns its sequence. */
    public long appendStatus(final long eventTimeNs, final int instrumentId, final byte status)
    {
        return append(TickDescriptor.TYPE_STATUS, status, eventTimeNs, instrumentId, 0, 0, 0, 0);
    }

    /** Appends a copy of {@code tick} (its sequence is ignored), sets the new sequence on it and returns it. */
    public long append(final Tick tick)
    {
        tick.sequence = append(tick.type, tick.side, tick.eventTimeNs, tick.instrumentId,
            tick.price, tick.size, tick.askPrice, tick.askSize);
        return tick.sequence;
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
        timeProvider.onAppend(eventTimeNs);
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeLong(sequence);
            bytes.writeLong(eventTimeNs);
            bytes.writeByte(type);
            bytes.writeByte(side);
            bytes.writeShort((short)0);
            bytes.writeInt(instrumentId);
            bytes.writeLong(price);
            bytes.writeLong(size);
            bytes.writeLong(askPrice);
            bytes.writeLong(askSize);
        }
        lastSequence = sequence;
        return sequence;
    }

    @Override
    public void close()
    {
        try
        {
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
