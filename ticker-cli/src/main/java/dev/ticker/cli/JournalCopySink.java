package dev.ticker.cli;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;

/**
 * {@code ticker replay --into}: appends the replayed ticks to another journal, where they get that
 * journal's own sequences (from 1). With live event times, a tick recorded {@code d} after the
 * window's first tick is stamped {@code start + d / speed}, where {@code start} is the wall-clock
 * time the copy began: the times at which a paced copy writes it, so the copy looks like a live
 * feed. With recorded event times the ticks keep the times they were recorded with.
 */
final class JournalCopySink implements TickSink
{
    private final TickAppender appender;
    private final boolean liveTimes;
    private final double speed;
    private final long startEpochNs;
    private final Tick copy = new Tick();
    private long firstRecordedNs = Long.MIN_VALUE;

    /**
     * @param liveTimes    whether to shift event times to the time of the copy.
     * @param speed        the pace of the copy; must be above zero with live times.
     * @param startEpochNs the wall-clock time the copy starts, in epoch nanoseconds.
     */
    JournalCopySink(final TickAppender appender, final boolean liveTimes, final double speed, final long startEpochNs)
    {
        this.appender = appender;
        this.liveTimes = liveTimes;
        this.speed = speed;
        this.startEpochNs = startEpochNs;
    }

    @Override
    public void onTick(final Tick tick)
    {
        copy.copyFrom(tick);
        if (liveTimes)
        {
            if (Long.MIN_VALUE == firstRecordedNs)
            {
                firstRecordedNs = tick.eventTimeNs;
            }
            copy.eventTimeNs = startEpochNs + (long)Math.ceil((tick.eventTimeNs - firstRecordedNs) / speed);
        }
        appender.appendOrThrow(copy);
    }

    /** The sequence of the last tick copied into the new journal. */
    long lastSequence()
    {
        return appender.lastSequence();
    }

    @Override
    public void flush()
    {
        // every append is visible to readers at once
    }

    @Override
    public void close()
    {
        appender.close();
    }
}
