package dev.ticker.benchmarks.load.server;

import java.util.List;
import java.util.Locale;

/**
 * What a load run measured of the server, when the generator started it or was given its process
 * id: the figures a performance engineer needs to trust a fan-out result, from outside the server. Figures that could not be read are -1 (or null), and {@code notes} says why.
 *
 * @param pid                         the server's process id.
 * @param cpuSeconds                  user + system CPU of all the server's threads over the window.
 * @param coresBusy                   {@code cpuSeconds} per second of the window.
 * @param cpuSecondsPerMillionTicks   server CPU over the window per million ticks delivered to clients.
 * @param framesPerSecondPerCore      frames delivered per second per busy server core.
 * @param heapBytesPerIdleConnection  live-heap growth from opening the connections (before they subscribe), per connection.
 * @param residentBytesBefore         the server's resident memory before the connections were opened.
 * @param residentBytesAfter          and after.
 * @param residentBytesPerIdleConnection resident-memory growth from opening the connections, per connection.
 * @param gc                          the flight recording of the window; null when the server is not a JVM.
 * @param recording                   the .jfr file, in the report folder.
 */
public record ServerReport(
    long pid,
    double cpuSeconds,
    double coresBusy,
    double cpuSecondsPerMillionTicks,
    double cpuSecondsPerMillionJournalTicks,
    double framesPerSecondPerCore,
    long heapBytesPerIdleConnection,
    long residentBytesBefore,
    long residentBytesAfter,
    long residentBytesPerIdleConnection,
    JfrSummary gc,
    String recording,
    List<String> notes)
{
    public ServerReport
    {
        notes = List.copyOf(notes);
    }

    /** The server's lines of summary.txt; with {@code profile}, its hot methods and allocation sites after them. */
    public String summary(final boolean profile)
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "server CPU       %.2f s (%.2f cores busy) = %.3f s per million ticks delivered (%.3f per million journal ticks), %,.0f frames/s per busy core%n",
            cpuSeconds, coresBusy, cpuSecondsPerMillionTicks, cpuSecondsPerMillionJournalTicks, framesPerSecondPerCore));
        out.append(String.format(Locale.ROOT, "server memory    resident %,d KB before and %,d KB after connecting = %.1f KB per idle connection; live heap %s per idle connection%n",
            residentBytesBefore / 1024, residentBytesAfter / 1024, residentBytesPerIdleConnection / 1024.0,
            heapBytesPerIdleConnection < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f KB", heapBytesPerIdleConnection / 1024.0)));
        final JfrSummary recorded = gc;
        if (null != recorded)
        {
            if (recorded.collections() == 0)
            {
                out.append(String.format(Locale.ROOT, "server GC        no collection in the measured window%n"));
            }
            else
            {
                out.append(String.format(Locale.ROOT, "server GC        %,d collections (%s): longest pause %.1f ms, pauses %.1f ms in all; heap after GC up to %,d KB, in use up to %,d KB%n",
                    recorded.collections(), recorded.collectors(), recorded.longestPauseMs(), recorded.totalPauseMs(),
                    recorded.maxHeapUsedAfterGcBytes() / 1024, recorded.maxHeapUsedBytes() / 1024));
            }
            if (!recorded.longestSafepointOperation().isEmpty())
            {
                out.append(String.format(Locale.ROOT, "server safepoint longest recorded VM operation %s %.1f ms%n",
                    recorded.longestSafepointOperation(), recorded.longestSafepointOperationMs()));
            }
            out.append(String.format(Locale.ROOT, "server recording %s%n", recording));
            if (profile)
            {
                out.append(recorded.profileText());
            }
        }
        for (final String note : notes)
        {
            out.append(String.format(Locale.ROOT, "server note      %s%n", note));
        }
        return out.toString();
    }
}
