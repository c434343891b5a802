package dev.ticker.benchmarks.load;

import dev.ticker.benchmarks.load.server.ServerReport;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a load run, written as report.json and summary.txt. Rates are over the measured
 * window only (after the warm-up); latency is from a tick's journal event time to its receipt. A
 * run whose figures cannot be trusted is marked invalid, with the reasons ({@link RunValidity}).
 */
public record LoadReport(
    Settings settings,
    boolean valid,
    List<String> invalidReasons,
    int connected,
    double measuredSeconds,
    long ticksDelivered,
    double ticksPerSecond,
    long framesDelivered,
    double framesPerSecond,
    double megabytesPerSecond,
    long journalTicks,
    double journalTicksPerSecond,
    Latency latencyMicros,
    Stalls stalls,
    long sequenceGaps,
    long missingSequences,
    long conflatedUpdates,
    Map<String, Long> errorsByCode,
    Map<String, Long> closesByCode,
    long negativeLatencies,
    long ticksOlderThanAnHour,
    ServerReport server,
    Run run,
    List<String> files)
{
    /**
     * How the run went: where its time went, how busy the generator and the machine were, and its
     * measured window second by second.
     *
     * @param totalSeconds       the whole run, server start to charts.
     * @param phaseSeconds       each phase's share, in order.
     * @param whyLonger          why the run took longer than its warm-up and duration; empty when it did not.
     * @param generatorCores     CPU-seconds per second the generator used in the measured window.
     * @param generatorUsableCores the cores the generator may use.
     * @param machineIdlePercent the machine's idle CPU share in the window; -1 when unknown.
     * @param latestWakeUpMs     how late the generator's once-a-second timer woke up at worst.
     * @param timeline           second by second: delivered rates and latency percentiles.
     */
    public record Run(
        double totalSeconds,
        Map<String, Double> phaseSeconds,
        String whyLonger,
        double generatorCores,
        int generatorUsableCores,
        double machineIdlePercent,
        long latestWakeUpMs,
        List<RunTimeline.Point> timeline)
    {
    }

    /** The run's settings, as given. */
    public record Settings(
        String url,
        boolean serverStartedByGenerator,
        int clients,
        boolean idle,
        String symbols,
        int symbolsPerClient,
        int maxUpdatesPerSecond,
        int rate,
        int flushMs,
        double warmupSeconds,
        double durationSeconds,
        double slowFraction,
        long slowReadDelayMs,
        int threads)
    {
    }

    /** Latency percentiles in microseconds, from an HdrHistogram with 3 significant digits. */
    public record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean)
    {
    }

    /**
     * Delivery stalls in the measured window: for each connection that receives data (its
     * subscription has traffic), the longest interval without a data frame, edges of the window
     * included; and the longest interval in which no connection received one.
     *
     * @param connectionsWithTraffic connections counted: those that received data at some point.
     * @param longestMs              the longest stall of any connection.
     * @param p99Ms                  99 % of the connections had no stall longer than this.
     * @param medianMs               half of the connections had no stall longer than this.
     * @param allSilentMs            the longest interval in which no connection received data; -1 when none ever did.
     */
    public record Stalls(int connectionsWithTraffic, double longestMs, double p99Ms, double medianMs, double allSilentMs)
    {
        /** From each connection's longest stall ({@link StallTracker#NO_TRAFFIC} for one without traffic) and the all-silent one. */
        static Stalls of(final long[] longestPerConnectionNs, final long allSilentNs)
        {
            final long[] counted = Arrays.stream(longestPerConnectionNs).filter(ns -> ns != StallTracker.NO_TRAFFIC).sorted().toArray();
            return new Stalls(counted.length, millis(percentile(counted, 100)), millis(percentile(counted, 99)),
                millis(percentile(counted, 50)), allSilentNs == StallTracker.NO_TRAFFIC ? -1 : millis(allSilentNs));
        }

        /** The nearest-rank percentile of sorted values; 0 when there are none. */
        private static long percentile(final long[] sorted, final double percent)
        {
            if (sorted.length == 0)
            {
                return 0;
            }
            final int rank = (int)Math.ceil(percent / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        private static double millis(final long nanos)
        {
            return nanos / 1e6;
        }
    }

    /** A few readable lines for a terminal; with {@code profile}, the server's hot methods and allocation sites after them. */
    public String summary(final boolean profile)
    {
        final StringBuilder out = new StringBuilder();
        for (final String reason : invalidReasons)
        {
            out.append("INVALID RUN      ").append(reason).append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "clients          %,d connected of %,d (%s)%n", connected, settings.clients(),
            settings.idle() ? "idle: no subscription" : settings.symbols() + ", " +
            (settings.maxUpdatesPerSecond() == 0 ? "every tick" : settings.maxUpdatesPerSecond() + " updates/s")));
        out.append(String.format(Locale.ROOT, "measured         %.1f s after %.1f s warm-up%n", measuredSeconds, settings.warmupSeconds()));
        out.append(String.format(Locale.ROOT, "journal          %,d ticks (%,d ticks/s)%n", journalTicks, Math.round(journalTicksPerSecond)));
        out.append(String.format(Locale.ROOT, "delivered        %,d ticks/s, %,d frames/s, %.1f MB/s%n",
            Math.round(ticksPerSecond), Math.round(framesPerSecond), megabytesPerSecond));
        out.append(String.format(Locale.ROOT, "latency (us)     p50 %,.0f  p90 %,.0f  p99 %,.0f  p99.9 %,.0f  max %,.0f  (%,d ticks)%n",
            latencyMicros.p50(), latencyMicros.p90(), latencyMicros.p99(), latencyMicros.p999(), latencyMicros.max(), latencyMicros.count()));
        out.append(String.format(Locale.ROOT, "stalls (ms)      per connection: longest %,.1f  p99 %,.1f  median %,.1f  (%,d with traffic); all silent at once: %s%n",
            stalls.longestMs(), stalls.p99Ms(), stalls.medianMs(), stalls.connectionsWithTraffic(),
            stalls.allSilentMs() < 0 ? "no traffic" : String.format(Locale.ROOT, "%,.1f", stalls.allSilentMs())));
        out.append(String.format(Locale.ROOT, "continuity       %,d gaps (%,d sequences missing), %,d updates conflated%n",
            sequenceGaps, missingSequences, conflatedUpdates));
        if (!errorsByCode.isEmpty() || !closesByCode.isEmpty())
        {
            out.append(String.format(Locale.ROOT, "errors / closes  %s / %s%n", errorsByCode, closesByCode));
        }
        if (null != server)
        {
            out.append(server.summary(profile));
        }
        out.append(String.format(Locale.ROOT, "generator        %.2f of %d usable cores busy, timer late by %,d ms at worst; machine %s idle%n",
            run.generatorCores(), run.generatorUsableCores(), run.latestWakeUpMs(),
            run.machineIdlePercent() < 0 ? "(unknown)" : String.format(Locale.ROOT, "%.0f %%", run.machineIdlePercent())));
        if (!run.whyLonger().isEmpty())
        {
            out.append("slow run         ").append(run.whyLonger()).append(System.lineSeparator());
        }
        if (ticksOlderThanAnHour > 0)
        {
            out.append(String.format(Locale.ROOT, "note             %,d ticks were recorded over an hour before receipt (not live); no latency for them%n", ticksOlderThanAnHour));
        }
        if (negativeLatencies > 0)
        {
            out.append(String.format(Locale.ROOT, "note             %,d ticks arrived before their event time (clock skew); recorded as 0%n", negativeLatencies));
        }
        return out.toString();
    }
}
