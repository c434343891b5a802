package dev.ticker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticker.journal.TickJournal;
import dev.ticker.server.TickerServer;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.simulator.FeedSimulator;
import dev.ticker.simulator.SimulatorConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ticker bench load --url --server-pid} against a real server on a free port, fed by the
 * simulator: this test's own JVM is the server whose process is measured (CPU and memory from
 * /proc, a flight recording through jcmd), as a server the generator did not start would be.
 */
@Timeout(180)
class BenchCommandTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs the load again when the machine or the generator, not the server, made a run invalid. */
    private static final int MEASURE_ATTEMPTS = 3;

    private static boolean machineOrGenerator(final String reason)
    {
        return reason.startsWith("the machine was saturated") || reason.startsWith("the generator could not");
    }

    private int run(final String... args)
    {
        return TickerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldMeasureCpuMemoryStallsAndGcOfAServerGivenByItsProcessId() throws Exception
    {
        final long pid = ProcessHandle.current().pid();
        Path reportDir = null;
        List<String> disturbed = List.of();
        try (TickJournal journal = TickJournal.open(dir.resolve("journal"));
            FeedSimulator feed = FeedSimulator.start(journal, new SimulatorConfiguration().rate(20_000).seed(7));
            TickerServer server = TickerServer.start(new ServerConfiguration().port(0).flushIntervalMs(5).heartbeatIntervalMs(50), journal))
        {
            for (int attempt = 1; attempt <= MEASURE_ATTEMPTS; attempt++)
            {
                reportDir = dir.resolve("report-" + attempt);
                out.getBuffer().setLength(0);
                err.getBuffer().setLength(0);
                final int exitCode = run("bench", "load", "--url", "ws://127.0.0.1:" + server.port() + "/ws", "--server-pid", Long.toString(pid),
                    "--clients", "4", "--warmup", "1s", "--duration", "2s", "--profile", "--report", reportDir.toString());
                assertTrue(feed.lastSequence() > 0, "the simulator wrote ticks meanwhile");
                final JsonNode report = new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
                final List<String> reasons = new ArrayList<>();
                report.get("invalidReasons").forEach(reason -> reasons.add(reason.asText()));
                assertEquals(reasons.isEmpty() ? 0 : BenchCommand.Load.EXIT_INVALID_RUN, exitCode, err.toString());
                if (reasons.isEmpty())
                {
                    disturbed = List.of();
                    break;
                }
                // The generator shares this JVM, and the machine, with the server it measures: when the
                // machine starves them both (the run says so), nothing may arrive in the window, and the
                // run is measured again. A run invalid for no such reason is the server's failing.
                assertTrue(reasons.stream().anyMatch(BenchCommandTest::machineOrGenerator),
                    "invalid, and not for the machine's or the generator's sake: " + reasons + "\n" + out);
                disturbed = reasons;
            }
        }
        assumeTrue(disturbed.isEmpty(), "the machine disturbed all " + MEASURE_ATTEMPTS + " runs; the last: " + disturbed + "\n" + out);

        final JsonNode report = new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
        for (final JsonNode file : report.get("files"))
        {
            assertTrue(Files.size(reportDir.resolve(file.asText())) > 0, "listed and written: " + file.asText());
        }
        assertTrue(out.toString().contains("report           " + reportDir + ": report.json, summary.txt, latency.hgrm, latency.png, " +
            "timeline.png, server.jfr"), out.toString());
        assertTrue(Files.readString(reportDir.resolve("latency.hgrm")).contains("Value     Percentile TotalCount 1/(1-Percentile)"),
            "HdrHistogram's own percentile output");
        assertTrue(report.get("run").get("timeline").size() >= 2, "a point a second: " + report.get("run"));
        assertEquals(4, report.get("connected").asInt());
        assertTrue(report.get("ticksDelivered").asLong() > 0, report.toString());
        final JsonNode stalls = report.get("stalls");
        assertEquals(4, stalls.get("connectionsWithTraffic").asInt(), stalls.toString());
        assertTrue(stalls.get("longestMs").asDouble() > 0, stalls.toString());
        assertTrue(stalls.get("longestMs").asDouble() >= stalls.get("p99Ms").asDouble() && stalls.get("p99Ms").asDouble() >= stalls.get("medianMs").asDouble(), stalls.toString());
        assertTrue(stalls.get("allSilentMs").asDouble() <= stalls.get("longestMs").asDouble(), stalls.toString());

        final JsonNode measured = report.get("server");
        assertEquals(pid, measured.get("pid").asLong());
        assertTrue(measured.get("cpuSeconds").asDouble() > 0, measured.toString());
        assertTrue(measured.get("residentBytesBefore").asLong() > 0 && measured.get("residentBytesAfter").asLong() > 0, measured.toString());
        assertTrue(measured.get("heapBytesPerIdleConnection").asLong() != -1, "jcmd read the live heap: " + measured);
        assertEquals(0, measured.get("notes").size(), measured.toString());
        final JsonNode gc = measured.get("gc");
        // How many execution samples a 2 s window holds depends on how long the server's threads ran
        // Java code while the sampler looked (few once the code is compiled, none on a busy machine);
        // that samples become hot methods is JfrSummaryTest's, with a thread that only computes.
        assertTrue(gc.get("executionSamples").asLong() >= 0, gc.toString());
        assertEquals(gc.get("executionSamples").asLong() == 0, gc.get("hotMethods").isEmpty(), gc.toString());
        assertTrue(Files.size(reportDir.resolve("server.jfr")) > 0);
        assertEquals(reportDir.resolve("server.jfr").toAbsolutePath().toString(), measured.get("recording").asText());

        final String summary = Files.readString(reportDir.resolve("summary.txt"));
        for (final String line : new String[] {"stalls (ms)", "server CPU", "server memory", "server GC", "hot methods", "allocation sites"})
        {
            assertTrue(summary.contains(line), line + " in\n" + summary);
            assertTrue(out.toString().contains(line), line + " printed too:\n" + out);
        }
    }

    @Test
    void shouldMarkARunThatDeliveredNothingInvalidAndListOnlyTheFilesItWrote() throws Exception
    {
        final Path reportDir = dir.resolve("report");
        try (TickJournal journal = TickJournal.open(dir.resolve("journal"));
            TickerServer server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(50), journal))
        {
            // a server with no feed: the clients connect and subscribe, and nothing ever comes
            assertEquals(BenchCommand.Load.EXIT_INVALID_RUN, run("bench", "load", "--url", "ws://127.0.0.1:" + server.port() + "/ws",
                "--clients", "2", "--warmup", "0s", "--duration", "1s", "--report", reportDir.toString()), out.toString());
        }
        assertTrue(err.toString().contains("ticker bench load: the run is invalid: nothing was delivered, and the journal did not grow"),
            err.toString());
        assertTrue(out.toString().startsWith("INVALID RUN      nothing was delivered"), out.toString());
        assertTrue(out.toString().contains("report           " + reportDir + ": report.json, summary.txt, timeline.png\n"), out.toString());
        assertFalse(Files.exists(reportDir.resolve("latency.png")), "no latency without ticks, and none is listed");
        final JsonNode report = new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
        assertFalse(report.get("valid").asBoolean());
    }

    @Test
    void shouldRefuseAServerPidWithoutTheServersUrl()
    {
        assertEquals(1, run("bench", "load", "--server-pid", "4242"));
        assertEquals("ticker bench load: --server-pid measures a server the generator did not start: give its --url too " +
            "(without --url the generator starts and measures its own)", err.toString().strip());
    }

    @Test
    void shouldRefuseToProfileAServerItCannotName()
    {
        assertEquals(1, run("bench", "load", "--url", "ws://127.0.0.1:1/ws", "--profile"));
        assertEquals("ticker bench load: --profile profiles the server: with --url, give its process id with --server-pid too",
            err.toString().strip());
    }

    @Test
    void shouldSayWhenTheServerPidIsNoProcess()
    {
        assertEquals(1, run("bench", "load", "--url", "ws://127.0.0.1:1/ws", "--server-pid", "2147483647", "--report", dir.toString()));
        assertEquals("ticker bench load: --server-pid 2147483647: no such process (/proc/2147483647/stat cannot be read)", err.toString().strip());
    }
}
