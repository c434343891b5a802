package dev.ticker.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the whole machine and the generator's own process were over a window, from Linux's
 * {@code /proc/stat} and the JVM's process CPU time: a run on a saturated machine, or whose
 * generator used all the CPU it could get, measures the machine or the generator, not the server.
 */
final class MachineCpu
{
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final int IDLE_FIELD = 4;
    private static final int IOWAIT_FIELD = 5;

    /** Jiffies of all CPUs, busy and idle, and this process's CPU time, at one moment. */
    record Sample(long totalJiffies, long idleJiffies, long generatorCpuNs, long atNs)
    {
    }

    private MachineCpu()
    {
    }

    /** The counters now; machine jiffies are -1 where /proc/stat cannot be read. */
    static Sample sample()
    {
        long total = -1;
        long idle = -1;
        try
        {
            final String cpu = Files.readAllLines(PROC_STAT).get(0);
            final long[] jiffies = jiffies(cpu);
            total = 0;
            for (final long value : jiffies)
            {
                total += value;
            }
            idle = jiffies[IDLE_FIELD - 1] + (jiffies.length >= IOWAIT_FIELD ? jiffies[IOWAIT_FIELD - 1] : 0);
        }
        catch (final IOException | RuntimeException ex)
        {
            // not Linux, or /proc hidden: the saturation check is skipped and the report says so
        }
        final long generatorNs = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
        return new Sample(total, idle, generatorNs, System.nanoTime());
    }

    /** The counters of the aggregate {@code cpu} line of /proc/stat (user nice system idle iowait ...). */
    static long[] jiffies(final String cpuLine)
    {
        final String[] fields = cpuLine.strip().split("\\s+");
        if (fields.length < IDLE_FIELD + 1 || !fields[0].equals("cpu"))
        {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
        }
        final long[] jiffies = new long[fields.length - 1];
        for (int i = 1; i < fields.length; i++)
        {
            jiffies[i - 1] = Long.parseLong(fields[i]);
        }
        return jiffies;
    }

    /** The fraction of all CPUs' time that was idle between two samples; -1 when unknown. */
    static double idleFraction(final Sample from, final Sample to)
    {
        final long total = to.totalJiffies() - from.totalJiffies();
        return from.totalJiffies() < 0 || to.totalJiffies() < 0 || total <= 0 ? -1 : (double)(to.idleJiffies() - from.idleJiffies()) / total;
    }

    /** CPU-seconds per second the generator used between two samples (2.0 is two cores busy). */
    static double generatorCores(final Sample from, final Sample to)
    {
        return (double)(to.generatorCpuNs() - from.generatorCpuNs()) / Math.max(1, to.atNs() - from.atNs());
    }
}
