package dev.ticker.cli;

import dev.ticker.journal.TickJournal;
import dev.ticker.server.TickerServer;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.simulator.FeedSimulator;
import dev.ticker.simulator.SimulatorConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard in a real browser against the real pipeline: the simulator writes a journal in a
 * temp folder, the server tails it on a free port and serves the built dashboard, and Debian's
 * Chromium, driven by playwright-core ({@code dashboard-ui/browser-test/dashboard.mjs}), checks
 * what a trader sees: live prices, candles equal to the server's bars across the seam between
 * history and live, the chart and tape following the selected symbol, every interval's history,
 * the remembered watchlist, a cut connection resumed with no sequence gap, and a replay from a time
 * inside the journal (its start picker and timeline bounded by {@code /api/journal}), which fails
 * the test when the server does not start it. Screenshots are kept in
 * {@code target/browser-screenshots}.
 */
@Timeout(300)
class DashboardBrowserIT
{
    private static final long BROWSER_TEST_TIMEOUT_SECONDS = 240;

    @TempDir
    Path dir;

    @Test
    void shouldShowLiveDataFollowTheSelectedSymbolAndRecoverFromACutConnectionInABrowser() throws Exception
    {
        final Path script = pathProperty("ticker.browserTest.script", "../dashboard-ui/browser-test/dashboard.mjs");
        final Path screenshots = pathProperty("ticker.browserTest.screenshots", "target/browser-screenshots");
        final String node = System.getProperty("ticker.browserTest.node", "node");
        assertTrue(Files.isRegularFile(script), "the browser test script " + script + " exists");
        assertTrue(Files.isDirectory(script.getParent().resolveSibling("node_modules").resolve("playwright-core")),
            "playwright-core is installed in " + script.getParent().resolveSibling("node_modules") + " (npm ci in dashboard-ui)");
        Files.createDirectories(screenshots);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(screenshots, "*.png"))
        {
            for (final Path file : old)
            {
                Files.delete(file);
            }
        }

        try (TickJournal journal = TickJournal.open(dir.resolve("journal"));
            FeedSimulator feed = FeedSimulator.start(journal, new SimulatorConfiguration().rate(2_000).seed(11));
            TickerServer server = TickerServer.start(new ServerConfiguration().port(0), journal))
        {
            final Path output = dir.resolve("browser-test.log");
            final Process process = new ProcessBuilder(node, script.toString(), server.url(), screenshots.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
            final boolean finished = process.waitFor(BROWSER_TEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished)
            {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            final String log = read(output);
            System.out.println("--- browser test (" + script.getFileName() + " " + server.url() + ") ---");
            System.out.println(log);
            if (!finished)
            {
                fail("the browser test did not finish within " + BROWSER_TEST_TIMEOUT_SECONDS + " s:\n" + log);
            }
            assertEquals(0, process.exitValue(), "the browser test failed:\n" + log);
            assertTrue(log.contains(" passed, 0 failed"), "the browser test reports its scenarios:\n" + log);
            assertEquals(0, server.counters().journalGaps());
            assertEquals(0, server.agentErrorCount());
            assertEquals(0, feed.errorCount());
        }
    }

    private static Path pathProperty(final String name, final String fallback)
    {
        return Path.of(System.getProperty(name, fallback)).toAbsolutePath().normalize();
    }

    private static String read(final Path file) throws IOException
    {
        final List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        return String.join(System.lineSeparator(), lines);
    }
}
