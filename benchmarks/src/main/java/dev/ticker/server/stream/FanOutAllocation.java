package dev.ticker.server.stream;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;

/**
 * A second, exact look at what {@link FanOutBenchmark} measures with {@code -prof gc}: the bytes the
 * benchmark thread allocates over a million ticks after its warm-up (every buffer and bar ring at
 * its working size), read from the JVM's per-thread
 * allocation counter, so nothing else running in the JVM blurs the figure.
 *
 * <pre>
 *   java @ticker-cli/target/app/jvm.options -cp "benchmarks/target/ticker-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     dev.ticker.server.stream.FanOutAllocation
 * </pre>
 */
public final class FanOutAllocation
{
    private static final int TICKS = 1_000_000;

    private FanOutAllocation()
    {
    }

    public static void main(final String[] args)
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        // the JVM's own first-time work (class loading, compilation) is not the send path's
        threads.getCurrentThreadAllocatedBytes();
        measure(threads, "every-tick", 1, false);
        for (final String mode : new String[] {"every-tick", "with-bars", "rate-limited"})
        {
            for (final int sessions : new int[] {1, 100})
            {
                measure(threads, mode, sessions, true);
            }
        }
    }

    private static void measure(final ThreadMXBean threads, final String mode, final int sessions, final boolean print)
    {
        final FanOutBenchmark benchmark = new FanOutBenchmark();
        benchmark.mode = mode;
        benchmark.sessions = sessions;
        benchmark.setUp();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < TICKS; i++)
        {
            benchmark.fanOut();
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        if (print)
        {
            System.out.printf("%-12s %3d sessions: %,d bytes over %,d ticks = %.4f B/tick, %.6f B/tick/session%n",
                mode, sessions, allocated, TICKS, (double)allocated / TICKS, (double)allocated / TICKS / sessions);
        }
    }
}
