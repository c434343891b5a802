package dev.ticker.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioTableTest
{
    @TempDir
    Path dir;

    @Test
    void shouldTabulateMediansOfBothBuildsAndTheirRatio() throws IOException
    {
        run("a", "baseline-1", 200_000, 1.2, 400);
        run("a", "candidate-1", 900_000, 0.2, 5);
        run("a", "baseline-2", 250_000, 1.4, 700);
        run("a", "candidate-2", 1_000_000, 0.1, 8);
        run("a", "baseline-3", 229_000, 1.3, 215);
        run("a", "candidate-3", 950_000, 0.15, 6);
        Files.writeString(dir.resolve("a").resolve("scenario.txt"), "1,000 clients, all symbols");

        final String markdown = ScenarioTable.markdown(dir);

        assertTrue(markdown.startsWith("## Scenario a\n\n1,000 clients, all symbols\n\n"), markdown);
        assertTrue(markdown.contains("| figure | baseline (median of 3) | candidate (median of 3) | candidate / baseline |\n"), markdown);
        assertTrue(markdown.contains("| delivered ticks/s | 229,000 | 950,000 | 4.15 |\n"), markdown);
        assertTrue(markdown.contains("| server CPU-s per M ticks delivered | 1.300 | 0.150 | 0.115 |\n"), markdown);
        assertTrue(markdown.contains("| GC longest pause (ms) | 400.0 | 6.0 | 0.0150 |\n"), markdown);
        assertFalse(markdown.contains("RSS per idle connection"), "absent from every run, so no row: " + markdown);
        // the raw lines, in the order the runs alternated
        final int first = markdown.indexOf("baseline-1: connected=1000 delivered_ticks/s=200000");
        final int second = markdown.indexOf("candidate-1: connected=1000 delivered_ticks/s=900000");
        final int third = markdown.indexOf("baseline-2:");
        assertTrue(first > 0 && second > first && third > second, markdown);
    }

    @Test
    void shouldTakeTheMiddleTwoOfAnEvenNumberOfRunsAndSkipRunsWithoutTheFigure() throws IOException
    {
        run("b", "baseline-1", 10, 1, 1);
        run("b", "baseline-2", 20, 1, 1);
        Files.writeString(dir.resolve("b").resolve("baseline-3.json"), "not a run folder");
        Files.createDirectories(dir.resolve("b").resolve("baseline-4")); // a run that failed: no report.json

        final String markdown = ScenarioTable.markdown(dir);

        assertTrue(markdown.contains("| delivered ticks/s | 15 | – | – |\n"), markdown);
        assertTrue(markdown.contains("baseline (median of 2) | candidate (median of 0)"), markdown);
        assertTrue(markdown.contains("baseline-4: no report (the run failed: see its generator.txt and server.log)\n"), markdown);
    }

    @Test
    void shouldPrintTheMedianOfAField()
    {
        final ObjectMapper json = new ObjectMapper();
        final List<JsonNode> reports = List.of(
            json.createObjectNode().put("ticksPerSecond", 3.0),
            json.createObjectNode().put("ticksPerSecond", 1.0),
            json.createObjectNode().put("ticksPerSecond", 2.0));

        assertEquals(2.0, ScenarioTable.median(reports, r -> ScenarioTable.number(r, "ticksPerSecond")));
        assertTrue(Double.isNaN(ScenarioTable.median(reports, r -> ScenarioTable.number(r, "framesPerSecond"))));
    }

    private void run(final String scenario, final String name, final double ticksPerSecond, final double cpuPerMillion, final double longestPauseMs)
        throws IOException
    {
        final Path runDir = Files.createDirectories(dir.resolve(scenario).resolve(name));
        Files.writeString(runDir.resolve("report.json"), """
            {"connected": 1000, "ticksPerSecond": %s, "ticksDelivered": 1000000, "closesByCode": {},
             "server": {"cpuSecondsPerMillionTicks": %s, "residentBytesPerIdleConnection": -1, "gc": {"longestPauseMs": %s}}}
            """.formatted(ticksPerSecond, cpuPerMillion, longestPauseMs));
    }
}
