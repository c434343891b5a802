package dev.ticker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ticker bench jmh} hands JMH its whole command line, as the benchmarks README writes it. */
class BenchJmhCommandTest
{
    private static final long DEADLINE_SECONDS = 90;

    @TempDir
    Path dir;

    @Test
    void shouldPassJmhOptionsThroughAndWriteTheResultsAsJsonToTheFileItNames() throws Exception
    {
        final CliProcess.Result result = CliProcess.run(dir, DEADLINE_SECONDS, List.of(),
            "bench", "jmh", "JournalBenchmark.append$", "-prof", "gc", "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("# results (JSON): jmh-result.json"), result.output());
        assertTrue(result.output().contains("# results written to " + dir.resolve("jmh-result.json").toRealPath()), result.output());

        final JsonNode results = new ObjectMapper().readTree(dir.resolve("jmh-result.json").toFile());
        assertEquals(1, results.size(), results.toString());
        final JsonNode run = results.get(0);
        assertEquals("dev.ticker.benchmarks.JournalBenchmark.append", run.get("benchmark").asText());
        assertEquals(1, run.get("forks").asInt(), "-f 1 reached JMH");
        assertEquals(0, run.get("warmupIterations").asInt(), "-wi 0 reached JMH");
        assertEquals(1, run.get("measurementIterations").asInt(), "-i 1 reached JMH");
        assertTrue(run.get("secondaryMetrics").has("gc.alloc.rate.norm"), "-prof gc reached JMH: " + run.get("secondaryMetrics"));
    }

    @Test
    void shouldListTheBenchmarksAndPrintJmhsHelp() throws Exception
    {
        final CliProcess.Result list = CliProcess.run(dir, DEADLINE_SECONDS, List.of(), "bench", "jmh", "-l");
        assertEquals(0, list.exitCode(), list.output());
        assertTrue(list.output().contains("dev.ticker.benchmarks.JournalBenchmark.append\n"), list.output());
        assertTrue(!list.output().contains("# Run progress"), "listing runs nothing: " + list.output());

        final CliProcess.Result help = CliProcess.run(dir, DEADLINE_SECONDS, List.of(), "bench", "jmh", "-h");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("-prof <profiler>"), help.output());
    }

    @Test
    void shouldRefuseAnOptionJmhDoesNotKnowWithoutRunningAnything() throws Exception
    {
        final CliProcess.Result result = CliProcess.run(dir, DEADLINE_SECONDS, List.of(), "bench", "jmh", "-bogus");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("Error parsing the JMH command line"), result.output());
    }
}
