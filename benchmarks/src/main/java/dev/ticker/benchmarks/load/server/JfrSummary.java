package dev.ticker.benchmarks.load.server;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a flight recording of the server says about a load run: its garbage-collection pauses, its
 * heap, its longest safepoint operation, where its CPU went (the top frames of the execution
 * samples) and where it allocated. A missed throughput target is explained by these, not guessed at.
 *
 * @param collections           garbage collections recorded.
 * @param collectors            the collectors' names, e.g. "G1New, G1Old".
 * @param longestPauseMs        the longest single pause of any collection.
 * @param totalPauseMs          the pauses of all collections together.
 * @param maxHeapUsedAfterGcBytes the largest heap still in use after a collection: the live set's high mark.
 * @param maxHeapUsedBytes      the largest heap in use before a collection.
 * @param longestSafepointOperationMs the longest VM operation at a safepoint that the recording kept
 *                              (the recording's settings keep only those above a threshold, 10-20 ms).
 * @param longestSafepointOperation its name, empty when none.
 * @param executionSamples      CPU samples of Java code.
 * @param hotMethods            methods on top of the samples, most frequent first.
 * @param allocationSites       allocating frames and what they allocated, by sampled bytes, largest first.
 */
public record JfrSummary(
    long collections,
    String collectors,
    double longestPauseMs,
    double totalPauseMs,
    long maxHeapUsedAfterGcBytes,
    long maxHeapUsedBytes,
    double longestSafepointOperationMs,
    String longestSafepointOperation,
    long executionSamples,
    List<Share> hotMethods,
    List<Share> allocationSites)
{
    /** A method or allocation site and its part of the samples (or of the sampled bytes), in percent. */
    public record Share(String name, double percent)
    {
    }

    public JfrSummary
    {
        hotMethods = List.copyOf(hotMethods);
        allocationSites = List.copyOf(allocationSites);
    }

    /**
     * Reads the events of a recording that end at or after {@code from} (those of starting the
     * recording itself, such as its class redefinitions, end before), keeping the {@code topMethods}
     * hottest methods and {@code topSites} largest allocation sites.
     */
    public static JfrSummary read(final Path recording, final Instant from, final int topMethods, final int topSites) throws IOException
    {
        long collections = 0;
        final TreeSet<String> collectors = new TreeSet<>();
        Duration longestPause = Duration.ZERO;
        Duration totalPause = Duration.ZERO;
        long maxAfterGc = 0;
        long maxUsed = 0;
        Duration longestSafepoint = Duration.ZERO;
        String safepointOperation = "";
        long samples = 0;
        final Map<String, Long> methods = new HashMap<>();
        long sampledBytes = 0;
        final Map<String, Long> sites = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording))
        {
            while (file.hasMoreEvents())
            {
                final RecordedEvent event = file.readEvent();
                if (event.getEndTime().isBefore(from))
                {
                    continue;
                }
                switch (event.getEventType().getName())
                {
                    case "jdk.GarbageCollection" ->
                    {
                        collections++;
                        collectors.add(event.getString("name"));
                        final Duration longest = event.getDuration("longestPause");
                        longestPause = longest.compareTo(longestPause) > 0 ? longest : longestPause;
                        totalPause = totalPause.plus(event.getDuration("sumOfPauses"));
                    }
                    case "jdk.GCHeapSummary" ->
                    {
                        final long used = event.getLong("heapUsed");
                        if ("After GC".equals(event.getString("when")))
                        {
                            maxAfterGc = Math.max(maxAfterGc, used);
                        }
                        else
                        {
                            maxUsed = Math.max(maxUsed, used);
                        }
                    }
                    case "jdk.ExecuteVMOperation" ->
                    {
                        if (event.getBoolean("safepoint") && event.getDuration().compareTo(longestSafepoint) > 0)
                        {
                            longestSafepoint = event.getDuration();
                            safepointOperation = event.getString("operation");
                        }
                    }
                    case "jdk.ExecutionSample" ->
                    {
                        samples++;
                        methods.merge(topFrame(event.getStackTrace(), false), 1L, Long::sum);
                    }
                    case "jdk.ObjectAllocationSample" ->
                    {
                        final long weight = event.getLong("weight");
                        sampledBytes += weight;
                        sites.merge(topFrame(event.getStackTrace(), true) + " allocating " +
                            javaName(event.getClass("objectClass").getName()), weight, Long::sum);
                    }
                    default ->
                    {
                        // other events stay in the file for a closer look (jfr print, JDK Mission Control)
                    }
                }
            }
        }
        return new JfrSummary(collections, String.join(", ", collectors), millis(longestPause), millis(totalPause),
            maxAfterGc, Math.max(maxUsed, maxAfterGc), millis(longestSafepoint), safepointOperation, samples,
            top(methods, samples, topMethods), top(sites, sampledBytes, topSites));
    }

    /** The lines summary.txt shows for the profile: hot methods and allocation sites. */
    public String profileText()
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "hot methods      top frames of %,d execution samples%n", executionSamples));
        for (final Share method : hotMethods)
        {
            out.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", method.percent(), method.name()));
        }
        out.append(String.format(Locale.ROOT, "allocation sites by sampled bytes%n"));
        for (final Share site : allocationSites)
        {
            out.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", site.percent(), site.name()));
        }
        return out.toString();
    }

    private static String topFrame(final RecordedStackTrace stackTrace, final boolean withLine)
    {
        if (null == stackTrace || stackTrace.getFrames().isEmpty())
        {
            return "(no stack trace)";
        }
        final RecordedFrame frame = stackTrace.getFrames().get(0);
        final RecordedMethod method = frame.getMethod();
        final String name = method.getType().getName() + "." + method.getName();
        return withLine && frame.getLineNumber() > 0 ? name + ":" + frame.getLineNumber() : name;
    }

    /** A class name as Java source writes it: "[B" is byte[], "[Ljava.lang.String;" is java.lang.String[]. */
    static String javaName(final String binaryName)
    {
        int dimensions = 0;
        while (dimensions < binaryName.length() && binaryName.charAt(dimensions) == '[')
        {
            dimensions++;
        }
        if (dimensions == 0)
        {
            return binaryName;
        }
        final String element = binaryName.substring(dimensions);
        final String type = switch (element)
        {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : element;
        };
        return type + "[]".repeat(dimensions);
    }

    private static List<Share> top(final Map<String, Long> counts, final long total, final int limit)
    {
        return counts.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
            .limit(limit)
            .map(entry -> new Share(entry.getKey(), 100.0 * entry.getValue() / total))
            .toList();
    }

    private static double millis(final Duration duration)
    {
        return duration.toNanos() / 1e6;
    }
}
