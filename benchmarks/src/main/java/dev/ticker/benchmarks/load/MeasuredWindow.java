package dev.ticker.benchmarks.load;

/**
 * The measured part of a load run, on the clock that stamps frame receipt (epoch nanoseconds of
 * {@link EpochNanoClock}). Set by the generator, read by every delivery thread: until it is opened
 * it covers nothing, until it is closed it has no end.
 */
final class MeasuredWindow
{
    private volatile long startNs = Long.MAX_VALUE;
    private volatile long endNs = Long.MAX_VALUE;

    void open(final long nowNs)
    {
        startNs = nowNs;
    }

    void close(final long nowNs)
    {
        endNs = nowNs;
    }

    long startNs()
    {
        return startNs;
    }

    long endNs()
    {
        return endNs;
    }

    /** The part of the interval {@code fromNs..toNs} that lies inside the window, 0 when none does. */
    long overlapNs(final long fromNs, final long toNs)
    {
        return Math.max(0, Math.min(toNs, endNs) - Math.max(fromNs, startNs));
    }
}
