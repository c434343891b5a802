package dev.ticker.benchmarks.load;

/**
 * The longest time one connection went without a data frame inside the measured window. A stall is
 * what a trader sees as a frozen price, and a mean rate hides it: a run can deliver its ticks/s on
 * average while every connection stops for seconds at a time. Written by the connection's delivery
 * thread on each data frame; read by the reporter after the window has closed.
 */
final class StallTracker
{
    static final long NO_TRAFFIC = -1;

    private final MeasuredWindow window;
    private volatile long lastDataNs = NO_TRAFFIC;
    private volatile long longestNs;

    StallTracker(final MeasuredWindow window)
    {
        this.window = window;
    }

    /** A data frame with at least one tick arrived at {@code nowNs}. */
    void onData(final long nowNs)
    {
        final long last = lastDataNs;
        if (last != NO_TRAFFIC)
        {
            final long gapNs = window.overlapNs(last, nowNs);
            if (gapNs > longestNs)
            {
                longestNs = gapNs;
            }
        }
        lastDataNs = nowNs;
    }

    /**
     * The longest interval inside the window without a data frame, counting the time from the last
     * frame to the window's end; {@link #NO_TRAFFIC} when the connection never received data (its
     * subscription has no traffic, or it has none), so that it is not counted as stalled.
     */
    long longestNs()
    {
        final long last = lastDataNs;
        return last == NO_TRAFFIC ? NO_TRAFFIC : Math.max(longestNs, window.overlapNs(last, window.endNs()));
    }
}
