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

    /** Before the first data frame: a time before any window, so that the wait for the first frame counts from the window's start. */
    static final long BEFORE_FIRST_DATA = 0;

    private final MeasuredWindow window;
    private volatile boolean traffic;
    private volatile long lastDataNs = BEFORE_FIRST_DATA;
    private volatile long longestNs;

    StallTracker(final MeasuredWindow window)
    {
        this.window = window;
    }

    /** A data frame with at least one tick arrived at {@code nowNs}. */
    void onData(final long nowNs)
    {
        final long gapNs = window.overlapNs(lastDataNs, nowNs);
        if (gapNs > longestNs)
        {
            longestNs = gapNs;
        }
        lastDataNs = nowNs;
        if (!traffic)
        {
            traffic = true;
        }
    }

    /**
     * The longest interval inside the window without a data frame, counting the time from the
     * window's start to the first frame and from the last frame to the window's end (a connection
     * whose first data came only after the window was stalled for all of it); {@link #NO_TRAFFIC}
     * when the connection has not received data at all (its subscription has no traffic, or it has
     * none), so that it is not counted as stalled.
     */
    long longestNs()
    {
        return traffic ? Math.max(longestNs, window.overlapNs(lastDataNs, window.endNs())) : NO_TRAFFIC;
    }
}
