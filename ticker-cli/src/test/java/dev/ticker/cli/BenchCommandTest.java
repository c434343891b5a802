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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private int run(final String... args)
    {
        return TickerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldMeasureCpuMemoryStallsAndGcOfAServerGivenByItsProcessId() throws Exception
    {
        final Path reportDir = dir.resolve("report");
        final long pid = ProcessHandle.current().pid();
        try (TickJournal journal = TickJournal.open(dir.resolve("journal"));
            FeedSimulator feed = FeedSimulator.start(journal, new SimulatorConfiguration().rate(2_000).seed(7));
            TickerServer server = TickerServer.start(new ServerConfiguration().port(0).flushIntervalMs(5).heartbeatIntervalMs(50), journal))
        {
            assertEquals(0, run("bench", "load", "--url", "ws://127.0.0.1:" + server.port() + "/ws", "--server-pid", Long.toString(pid),
                "--clients", "4", "--warmup", "1s", "--duration", "2s", "--profile", "--report", reportDir.toString()), err.toString());
            assertTrue(feed.lastSequence() > 0, "the simulator wrote ticks meanwhile");
        }

        final JsonNode report = new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
        assertEquals(4, report.get("connected").asInt());
        assertTrue(report.get("ticksDelivered").asLong() > 0, report.toString());
        final JsonNode stalls = report.get("stalls");
        assertEquals(4, stalls.get("connectionsWithTraffic").asInt(), stalls.toString());
        assertTrue(stalls.get("longestMs").asDouble() > 0, stalls.toString());
        assertTrue(stalls.get("longestMs").asDouble() <= report.get("measuredSeconds").asDouble() * 1e3, stalls.toString());
        assertTrue(stalls.get("allSilentMs").asDouble() <= stalls.get("longestMs").asDouble(), stalls.toString());

        final JsonNode measured = report.get("server");
        assertEquals(pid, measured.get("pid").asLong());
        assertTrue(measured.get("cpuSeconds").asDouble() > 0, measured.toString());
        assertTrue(measured.get("residentBytesBefore").asLong() > 0 && measured.get("residentBytesAfter").asLong() > 0, measured.toString());
        assertTrue(measured.get("heapBytesPerIdleConnection").asLong() != -1, "jcmd read the live heap: " + measured);
        assertEquals(0, measured.get("notes").size(), measured.toString());
        final JsonNode gc = measured.get("gc");
        assertTrue(gc.get("executionSamples").asLong() > 0, gc.toString());
        assertFalse(gc.get("hotMethods").isEmpty(), gc.toString());
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
