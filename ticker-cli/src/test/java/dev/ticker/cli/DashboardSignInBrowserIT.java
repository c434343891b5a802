package dev.ticker.cli;

import dev.ticker.journal.TickJournal;
import dev.ticker.server.TickerServer;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.security.Entitlements;
import dev.ticker.server.security.SymbolPattern;
import dev.ticker.server.security.TokenIssuer;
import dev.ticker.simulator.FeedSimulator;
import dev.ticker.simulator.SimulatorConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard's sign-in in a real browser against a real server started with --auth token: the
 * page asks for a token, refuses text that is not one, signs in (showing who, streaming what the
 * token covers, greying what it does not) and signs out ({@code dashboard-ui/browser-test/sign-in.mjs}).
 */
@Timeout(180)
class DashboardSignInBrowserIT
{
    private static final long BROWSER_TEST_TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void shouldSignInShowWhoIsSignedInAndGreyWhatTheTokenDoesNotCover() throws Exception
    {
        final Path script = Path.of(System.getProperty("ticker.browserTest.script", "../dashboard-ui/browser-test/dashboard.mjs"))
            .toAbsolutePath().normalize().resolveSibling("sign-in.mjs");
        final Path screenshots = Path.of(System.getProperty("ticker.browserTest.screenshots", "target/browser-screenshots"))
            .toAbsolutePath().normalize();
        final Path secret = Files.writeString(dir.resolve("secret"), "a browser test secret of 32 bytes or more\n");
        final String token = TokenIssuer.hmacSecret(secret).issue("alice",
            new Entitlements(List.of(SymbolPattern.parse("AAPL")), List.of(), false, Duration.ZERO, 0, 0), Instant.now(), Duration.ofHours(1));

        try (TickJournal journal = TickJournal.open(dir.resolve("journal"));
            FeedSimulator feed = FeedSimulator.start(journal, new SimulatorConfiguration().rate(2_000).seed(11));
            TickerServer server = TickerServer.start(new ServerConfiguration().port(0).auth("token").tokenSecret(secret.toString()), journal))
        {
            final Path output = dir.resolve("sign-in-test.log");
            final Process process = new ProcessBuilder(System.getProperty("ticker.browserTest.node", "node"), script.toString(),
                server.url(), screenshots.toString(), token, "alice", "AAPL", "MSFT")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
            final boolean finished = process.waitFor(BROWSER_TEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished)
            {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            final String log = String.join(System.lineSeparator(), Files.readAllLines(output, StandardCharsets.UTF_8));
            System.out.println("--- browser test (" + script.getFileName() + " " + server.url() + ") ---");
            System.out.println(log);
            if (!finished)
            {
                fail("the sign-in browser test did not finish within " + BROWSER_TEST_TIMEOUT_SECONDS + " s:\n" + log);
            }
            assertEquals(0, process.exitValue(), "the sign-in browser test failed:\n" + log);
            assertTrue(log.contains("5 passed, 0 failed"), "the browser test reports its scenarios:\n" + log);
            assertEquals(0, feed.errorCount());
        }
    }
}
