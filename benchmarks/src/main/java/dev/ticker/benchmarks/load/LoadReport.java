package dev.ticker.benchmarks.load;

import java.util.Locale;
import java.util.Map;

/**
 * The result of a load run, written as report.json and summary.txt. Rates are over the measured
 * window only (after the warm-up); latency is from a tick's journal event time to its receipt.
 */
public record LoadReport(
    Settings settings,
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
    long sequenceGaps,
    long missingSequences,
    long conflatedUpdates,
    Map<String, Long> errorsByCode,
    Map<String, Long> closesByCode,
    long negativeLatencies,
    long ticksOlderThanAnHour,
    Server server)
{
    /** The run's settings, as given. */
    public record Settings(
        String url,
        boolean serverStartedByGenerator,
        int clients,
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
     * Server-side figures, known when the generator started the server (null otherwise).
     *
     * @param cpuSecondsPerMillionTicks server CPU over the window per million ticks delivered to clients.
     * @param heapBytesPerIdleConnection live-heap growth from opening the connections (before they subscribe), per connection.
     * @param residentBytesPerIdleConnection resident-memory growth from opening the connections, per connection.
     */
    public record Server(
        long pid,
        double cpuSeconds,
        double cpuSecondsPerMillionTicks,
        double cpuSecondsPerMillionJournalTicks,
        long heapBytesPerIdleConnection,
        long residentBytesPerIdleConnection)
    {
    }

    /** A few readable lines for a terminal. */
    public String summary()
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "clients          %,d connected of %,d (%s, %s)%n", connected, settings.clients(),
            settings.symbols(), settings.maxUpdatesPerSecond() == 0 ? "every tick" : settings.maxUpdatesPerSecond() + " updates/s"));
        out.append(String.format(Locale.ROOT, "measured         %.1f s after %.1f s warm-up%n", measuredSeconds, settings.warmupSeconds()));
        out.append(String.format(Locale.ROOT, "journal          %,d ticks (%,.0f ticks/s)%n", journalTicks, journalTicksPerSecond));
        out.append(String.format(Locale.ROOT, "delivered        %,.0f ticks/s, %,.0f frames/s, %.1f MB/s%n", ticksPerSecond, framesPerSecond, megabytesPerSecond));
        out.append(String.format(Locale.ROOT, "latency (us)     p50 %,.0f  p90 %,.0f  p99 %,.0f  p99.9 %,.0f  max %,.0f  (%,d ticks)%n",
            latencyMicros.p50(), latencyMicros.p90(), latencyMicros.p99(), latencyMicros.p999(), latencyMicros.max(), latencyMicros.count()));
        out.append(String.format(Locale.ROOT, "continuity       %,d gaps (%,d sequences missing), %,d updates conflated%n",
            sequenceGaps, missingSequences, conflatedUpdates));
        if (!errorsByCode.isEmpty() || !closesByCode.isEmpty())
        {
            out.append(String.format(Locale.ROOT, "errors / closes  %s / %s%n", errorsByCode, closesByCode));
        }
        if (null != server)
        {
            out.append(String.format(Locale.ROOT, "server CPU       %.2f s = %.3f s per million ticks delivered (%.3f per million journal ticks)%n",
                server.cpuSeconds(), server.cpuSecondsPerMillionTicks(), server.cpuSecondsPerMillionJournalTicks()));
            out.append(String.format(Locale.ROOT, "server memory    %,d B live heap and %,d B resident per idle connection%n",
                server.heapBytesPerIdleConnection(), server.residentBytesPerIdleConnection()));
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
