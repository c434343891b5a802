package dev.ticker.cli;

import dev.ticker.journal.ReplayClock;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickTailer;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Reads a window of a journal in sequence order, keeps the ticks of the chosen instruments and
 * hands them to a sink, paced by a {@link ReplayClock}: at speed 0 as fast as the sink takes them,
 * otherwise each tick when it is due, so that bursts stay bursts. Reading allocates nothing per
 * tick. One thread.
 */
final class WindowReplayer
{
    /** How often (in records scanned) progress is reported and the stop request is looked at. */
    static final int PROGRESS_EVERY_RECORDS = 1 << 14;
    private static final long MAX_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final TickTailer tailer;
    private final ReplayWindow window;
    private final boolean[] selected;
    private final double speed;
    private final Tick tick = new Tick();

    /**
     * @param selected by instrument id, the instruments to keep; null keeps every tick.
     * @param speed    a multiple of recorded time, or {@link ReplayClock#AS_FAST_AS_POSSIBLE}.
     */
    WindowReplayer(final TickTailer tailer, final ReplayWindow window, final boolean[] selected, final double speed)
    {
        this.tailer = tailer;
        this.window = window;
        this.selected = selected;
        this.speed = speed;
    }

    /**
     * Replays the window into {@code sink}.
     *
     * @param progress     told the number of records scanned so far, now and then.
     * @param stopRequested looked at now and then; true ends the replay early.
     * @return the number of ticks handed to the sink, negative (minus one minus the count) when stopped early.
     */
    long run(final TickSink sink, final LongConsumer progress, final BooleanSupplier stopRequested) throws IOException
    {
        if (window.records() == 0)
        {
            return 0;
        }
        if (!tailer.moveToSequence(window.firstSequence))
        {
            throw new IllegalArgumentException("the journal no longer holds sequence " + window.firstSequence);
        }
        final boolean paced = speed != ReplayClock.AS_FAST_AS_POSSIBLE;
        ReplayClock clock = null;
        long written = 0;
        long scanned = 0;
        while (scanned < window.records())
        {
            if (!tailer.readNext(tick))
            {
                throw new IllegalArgumentException("the journal ended at sequence " + (window.firstSequence + scanned - 1) +
                    " while replaying to " + window.lastSequence);
            }
            scanned++;
            if ((scanned & (PROGRESS_EVERY_RECORDS - 1)) == 0)
            {
                progress.accept(scanned);
                if (stopRequested.getAsBoolean())
                {
                    return -1 - written;
                }
            }
            final int id = tick.instrumentId;
            if (null != selected && (id < 0 || id >= selected.length || !selected[id]))
            {
                continue;
            }
            if (paced)
            {
                if (null == clock)
                {
                    clock = new ReplayClock(tick.eventTimeNs, speed, System.nanoTime());
                }
                final long dueNs = clock.dueAt(tick.eventTimeNs);
                long nowNs = System.nanoTime();
                if (nowNs < dueNs)
                {
                    sink.flush();
                    while (nowNs < dueNs)
                    {
                        if (stopRequested.getAsBoolean())
                        {
                            return -1 - written;
                        }
                        LockSupport.parkNanos(Math.min(dueNs - nowNs, MAX_WAIT_NS));
                        nowNs = System.nanoTime();
                    }
                }
                clock.onReleased(tick.eventTimeNs);
            }
            sink.onTick(tick);
            written++;
        }
        progress.accept(scanned);
        return written;
    }
}
