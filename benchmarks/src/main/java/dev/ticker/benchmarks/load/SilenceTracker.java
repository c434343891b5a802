package dev.ticker.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The longest time inside the measured window in which no connection at all received a data frame:
 * a stop of the whole server (a GC pause, a blocked fan-out thread), as opposed to one connection
 * falling behind. Shared by every delivery thread.
 */
final class SilenceTracker
{
    private final MeasuredWindow window;
    private final AtomicLong lastDataNs = new AtomicLong(StallTracker.BEFORE_FIRST_DATA);
    private final AtomicLong longestNs = new AtomicLong();
    private volatile boolean traffic;

    SilenceTracker(final MeasuredWindow window)
    {
        this.window = window;
    }

    /** Some connection received a data frame at {@code nowNs}. */
    void onData(final long nowNs)
    {
        // threads stamp their frames a little apart and may arrive out of order: only a later stamp moves on
        if (nowNs > lastDataNs.get())
        {
            final long previous = lastDataNs.getAndAccumulate(nowNs, Math::max);
            if (nowNs > previous)
            {
                longestNs.accumulateAndGet(window.overlapNs(previous, nowNs), Math::max);
            }
            if (!traffic)
            {
                traffic = true;
            }
        }
    }

    /** As {@link StallTracker#longestNs()}, over all connections together. */
    long longestNs()
    {
        return traffic ? Math.max(longestNs.get(), window.overlapNs(lastDataNs.get(), window.endNs())) : StallTracker.NO_TRAFFIC;
    }
}
