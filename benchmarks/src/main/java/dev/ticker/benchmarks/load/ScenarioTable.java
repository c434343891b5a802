package dev.ticker.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Turns the report folders of a side-by-side run of two builds ({@code benchmarks/scenarios.sh})
 * into one markdown table per scenario: each figure's median over the runs of each build and the
 * ratio candidate / baseline, then every run's raw line, so that a reader can see the spread
 * behind a median. Runs are read from {@code REPORT/<scenario>/<build>-<n>/report.json}.
 *
 * <pre>
 * ScenarioTable REPORT_DIR                 writes REPORT_DIR/results.md and prints it
 * ScenarioTable --median FIELD REPORT.json...  prints the median of a top-level number, e.g. ticksPerSecond
 * </pre>
 */
public final class ScenarioTable
{
    static final String BASELINE = "baseline";
    static final String CANDIDATE = "candidate";

    /** A figure of a run: its name, how to read it from report.json (NaN when absent), and how to print it. */
    record Figure(String name, ToDoubleFunction<JsonNode> value, String format)
    {
    }

    static final List<Figure> FIGURES = List.of(
        new Figure("connected", r -> number(r, "connected"), "%,.0f"),
        new Figure("delivered ticks/s", r -> number(r, "ticksPerSecond"), "%,.0f"),
        new Figure("frames/s", r -> number(r, "framesPerSecond"), "%,.0f"),
        new Figure("frames/s per busy server core", r -> number(r, "server", "framesPerSecondPerCore"), "%,.0f"),
        new Figure("server cores busy", r -> number(r, "server", "coresBusy"), "%.2f"),
        new Figure("server CPU-s per M ticks delivered", r -> delivered(r, number(r, "server", "cpuSecondsPerMillionTicks")), "%.3f"),
        new Figure("latency p50 (ms)", r -> measured(r, number(r, "latencyMicros", "p50")) / 1e3, "%,.2f"),
        new Figure("latency p99 (ms)", r -> measured(r, number(r, "latencyMicros", "p99")) / 1e3, "%,.2f"),
        new Figure("latency p99.9 (ms)", r -> measured(r, number(r, "latencyMicros", "p999")) / 1e3, "%,.2f"),
        new Figure("longest stall of a connection (ms)", r -> withTraffic(r, number(r, "stalls", "longestMs")), "%,.1f"),
        new Figure("p99 over connections of their longest stall (ms)", r -> withTraffic(r, number(r, "stalls", "p99Ms")), "%,.1f"),
        new Figure("longest time no connection received data (ms)", r -> positive(number(r, "stalls", "allSilentMs")), "%,.1f"),
        new Figure("sequence gaps", r -> number(r, "sequenceGaps"), "%,.0f"),
        new Figure("updates conflated", r -> number(r, "conflatedUpdates"), "%,.0f"),
        new Figure("connections closed", ScenarioTable::closes, "%,.0f"),
        new Figure("GC longest pause (ms)", r -> number(r, "server", "gc", "longestPauseMs"), "%,.1f"),
        new Figure("GC pauses in all (ms)", r -> number(r, "server", "gc", "totalPauseMs"), "%,.1f"),
        new Figure("GC collections", r -> number(r, "server", "gc", "collections"), "%,.0f"),
        new Figure("heap after GC, max (MB)", r -> collected(r, number(r, "server", "gc", "maxHeapUsedAfterGcBytes")) / 1048576, "%,.1f"),
        new Figure("RSS per idle connection (KB)", r -> positive(number(r, "server", "residentBytesPerIdleConnection")) / 1024, "%,.1f"),
        new Figure("live heap per idle connection (KB)", r -> positive(number(r, "server", "heapBytesPerIdleConnection")) / 1024, "%,.1f"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioTable()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length >= 3 && "--median".equals(args[0]))
        {
            final List<JsonNode> reports = new ArrayList<>();
            for (final String file : Arrays.asList(args).subList(2, args.length))
            {
                reports.add(JSON.readTree(Path.of(file).toFile()));
            }
            System.out.printf(Locale.ROOT, "%.0f%n", median(reports, r -> number(r, args[1])));
        }
        else if (args.length == 1)
        {
            final Path reportDir = Path.of(args[0]);
            final String markdown = markdown(reportDir);
            Files.writeString(reportDir.resolve("results.md"), markdown);
            System.out.print(markdown);
        }
        else
        {
            System.err.println("usage: ScenarioTable REPORT_DIR | ScenarioTable --median FIELD REPORT.json...");
            System.exit(2);
        }
    }

    /** One section per scenario folder of {@code reportDir}, in name order. */
    static String markdown(final Path reportDir) throws IOException
    {
        final StringBuilder out = new StringBuilder();
        final Path run = reportDir.resolve("run.txt");
        if (Files.isRegularFile(run))
        {
            out.append("```\n").append(Files.readString(run).strip()).append("\n```\n\n");
        }
        try (Stream<Path> scenarios = Files.list(reportDir))
        {
            for (final Path scenario : scenarios.filter(Files::isDirectory).sorted().toList())
            {
                out.append(section(scenario.getFileName().toString(), runs(scenario, BASELINE), runs(scenario, CANDIDATE),
                    description(scenario)));
            }
        }
        return out.toString();
    }

    /** A scenario's table: a row per figure with the medians of both builds and their ratio; then the raw lines. */
    static String section(final String scenario, final List<Run> baseline, final List<Run> candidate, final String description)
    {
        final StringBuilder out = new StringBuilder();
        final List<JsonNode> a = baseline.stream().map(Run::report).filter(Objects::nonNull).toList();
        final List<JsonNode> b = candidate.stream().map(Run::report).filter(Objects::nonNull).toList();
        out.append("## Scenario ").append(scenario).append("\n\n");
        if (!description.isEmpty())
        {
            out.append(description.strip()).append("\n\n");
        }
        out.append(String.format(Locale.ROOT, "| figure | baseline (median of %d) | candidate (median of %d) | candidate / baseline |%n",
            a.size(), b.size()));
        out.append("| --- | --- | --- | --- |\n");
        for (final Figure figure : FIGURES)
        {
            final double left = median(a, figure.value());
            final double right = median(b, figure.value());
            if (Double.isNaN(left) && Double.isNaN(right))
            {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", figure.name(), format(figure, left), format(figure, right),
                Double.isNaN(left) || Double.isNaN(right) || left == 0 ? "–" : String.format(Locale.ROOT, "%.3g", right / left)));
        }
        out.append("\nRuns, in the order they ran:\n\n```\n");
        final List<Run> all = new ArrayList<>(baseline);
        all.addAll(candidate);
        all.sort((x, y) -> x.order() != y.order() ? Integer.compare(x.order(), y.order()) : x.name().compareTo(y.name()));
        for (final Run run : all)
        {
            out.append(rawLine(run)).append('\n');
        }
        out.append("```\n\n");
        return out.toString();
    }

    /** One run in one line: every figure, name=value. */
    static String rawLine(final Run run)
    {
        if (null == run.report())
        {
            return run.name() + ": no report (the run failed: see its generator.txt and server.log)";
        }
        final StringBuilder line = new StringBuilder(run.name()).append(':');
        for (final Figure figure : FIGURES)
        {
            final double value = figure.value().applyAsDouble(run.report());
            if (!Double.isNaN(value))
            {
                line.append(' ').append(figure.name().replace(' ', '_')).append('=').append(format(figure, value).replace(",", ""));
            }
        }
        return line.toString();
    }

    /** The median of the runs that have the figure (NaN when none has), the mean of the middle two for an even count. */
    static double median(final List<JsonNode> reports, final ToDoubleFunction<JsonNode> value)
    {
        final double[] values = reports.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0)
        {
            return Double.NaN;
        }
        final int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** A run: its folder name (e.g. baseline-2), the n in that name, and its report (null when it failed to write one). */
    record Run(String name, int order, JsonNode report)
    {
    }

    private static List<Run> runs(final Path scenario, final String build) throws IOException
    {
        final List<Run> runs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(scenario))
        {
            for (final Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(build + "-")).sorted().toList())
            {
                final Path report = dir.resolve("report.json");
                final String name = dir.getFileName().toString();
                if (Files.isDirectory(dir) && name.substring(build.length() + 1).matches("[0-9]+"))
                {
                    runs.add(new Run(name, Integer.parseInt(name.substring(build.length() + 1)),
                        Files.isRegularFile(report) ? JSON.readTree(report.toFile()) : null));
                }
            }
        }
        return runs;
    }

    private static String description(final Path scenario) throws IOException
    {
        final Path file = scenario.resolve("scenario.txt");
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }

    private static String format(final Figure figure, final double value)
    {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, figure.format(), value);
    }

    private static double closes(final JsonNode report)
    {
        double closes = 0;
        for (final JsonNode count : report.path("closesByCode"))
        {
            closes += count.asDouble();
        }
        return closes;
    }

    /** A latency figure, NaN when no tick had a latency (the histogram's 0 is no measurement). */
    private static double measured(final JsonNode report, final double value)
    {
        return number(report, "latencyMicros", "count") > 0 ? value : Double.NaN;
    }

    /** A stall figure, NaN when no connection received data (idle connections). */
    private static double withTraffic(final JsonNode report, final double value)
    {
        return number(report, "stalls", "connectionsWithTraffic") > 0 ? value : Double.NaN;
    }

    /** A heap figure, known only from a collection: NaN when there was none. */
    private static double collected(final JsonNode report, final double value)
    {
        return number(report, "server", "gc", "collections") > 0 ? value : Double.NaN;
    }

    /** A per-tick figure, NaN when no tick was delivered. */
    private static double delivered(final JsonNode report, final double value)
    {
        return number(report, "ticksDelivered") > 0 ? value : Double.NaN;
    }

    private static double positive(final double value)
    {
        return value < 0 ? Double.NaN : value;
    }

    /** A number at a path in the report; NaN when the path is absent or null (e.g. no GC figures for a server that is not a JVM). */
    static double number(final JsonNode report, final String... path)
    {
        JsonNode node = report;
        for (final String field : path)
        {
            node = node.path(field);
        }
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }
}
