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
 * token covers, greying what it does not), signs out, and keeps a page signed in with a short-lived
 * token connected past its expiry: it asks for a new token before then and hands it to the open
 * connection with RefreshToken ({@code dashboard-ui/browser-test/sign-in.mjs}).
 */
@Timeout(210)
class DashboardSignInBrowserIT
{
    private static final long BROWSER_TEST_TIMEOUT_SECONDS = 150;
    private static final long SHORT_TOKEN_SECONDS = 50;

    @TempDir
    Path dir;

    @Test
    void shouldSignInShowWhoIsSignedInGreyWhatTheTokenDoesNotCoverAndRefreshAShortLivedToken() throws Exception
    {
        final Path script = Path.of(System.getProperty("ticker.browserTest.script", "../dashboard-ui/browser-test/dashboard.mjs"))
            .toAbsolutePath().normalize().resolveSibling("sign-in.mjs");
        final Path screenshots = Path.of(System.getProperty("ticker.browserTest.screenshots", "target/browser-screenshots"))
            .toAbsolutePath().normalize();
        final Path secret = Files.writeString(dir.resolve("secret"), "a browser test secret of 32 bytes or more\n");
        final TokenIssuer issuer = TokenIssuer.hmacSecret(secret);
        final Entitlements entitlements = new Entitlements(List.of(SymbolPattern.parse("AAPL")), List.of(), false, Duration.ZERO, 0, 0);
        final String token = issuer.issue("alice", entitlements, Instant.now(), Duration.ofHours(1));
        // the page asks for a new token half-way through a short life: long enough for the scenarios before
        final String shortLived = issuer.issue("alice", entitlements, Instant.now(), Duration.ofSeconds(SHORT_TOKEN_SECONDS));
        final String fresh = issuer.issue("alice", entitlements, Instant.now(), Duration.ofHours(2));

        try (TickJournal journal = TickJournal.open(dir.resolve("journal"));
            FeedSimulator feed = FeedSimulator.start(journal, new SimulatorConfiguration().rate(2_000).seed(11));
            TickerServer server = TickerServer.start(new ServerConfiguration().port(0).auth("token").tokenSecret(secret.toString()), journal))
        {
            final Path output = dir.resolve("sign-in-test.log");
            final Process process = new ProcessBuilder(System.getProperty("ticker.browserTest.node", "node"), script.toString(),
                server.url(), screenshots.toString(), token, "alice", "AAPL", "MSFT", shortLived, fresh)
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
            assertTrue(log.contains("6 passed, 0 failed"), "the browser test reports its scenarios:\n" + log);
            assertEquals(0, feed.errorCount());
        }
    }
}
