package dev.ticker.benchmarks.load;

import java.time.Instant;

/**
 * Epoch nanoseconds without allocating: the wall clock read once, advanced by {@link System#nanoTime()},
 * so that receipt times can be compared with the journal's event times (epoch ns) on every tick.
 */
class EpochNanoClock
{
    private final long baseEpochNanos;
    private final long baseNanoTime;

    EpochNanoClock()
    {
        final Instant now = Instant.now();
        baseNanoTime = System.nanoTime();
        baseEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    long epochNanos()
    {
        return baseEpochNanos + (System.nanoTime() - baseNanoTime);
    }
}
