package dev.ticker.cli;

import dev.ticker.server.security.AccessToken;
import dev.ticker.server.security.TestPki;
import dev.ticker.server.security.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCommandTest
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
    void shouldPrintATokenTheServerAcceptsWithTheEntitlementsAsked() throws Exception
    {
        final Path secret = Files.writeString(dir.resolve("secret"), "s".repeat(48) + "\n");
        final Instant before = Instant.now();

        assertEquals(0, run("token", "--subject", "alice", "--symbols", "AAPL,*.DE", "--groups", "currency:EUR",
            "--replay", "--replay-back", "7d", "--max-updates-per-second", "4", "--max-connections", "2", "--ttl", "30m",
            "--secret", secret.toString()), err.toString());

        final AccessToken token = TokenVerifier.hmacSecret(secret, 0).verify(out.toString().strip());
        assertEquals("alice", token.subject());
        assertEquals("symbols=AAPL,*.DE groups=currency:EUR replay=P7D rate=4 conns=2", token.entitlements().summary());
        final long ttlMs = token.expiresAtMs() - before.toEpochMilli();
        assertTrue(ttlMs > Duration.ofMinutes(29).toMillis() && ttlMs <= Duration.ofMinutes(30).toMillis() + 1000, "ttl " + ttlMs);
    }

    @Test
    void shouldSignWithAPrivateKeyForTheServersPublicKey() throws Exception
    {
        final KeyPair keys = TestPki.keyPair("EC");
        final Path privateKey = TestPki.write(dir.resolve("private.pem"), keys.getPrivate());
        final Path publicKey = TestPki.write(dir.resolve("public.pem"), keys.getPublic());

        assertEquals(0, run("token", "--subject", "feed-bot", "--symbols", "*", "--private-key", privateKey.toString()), err.toString());

        assertEquals("feed-bot", TokenVerifier.publicKey(publicKey, 0).verify(out.toString().strip()).subject());
    }

    @Test
    void shouldRefuseATokenThatEntitlesNothing() throws Exception
    {
        final Path secret = Files.writeString(dir.resolve("secret"), "s".repeat(48));

        assertEquals(1, run("token", "--subject", "alice", "--secret", secret.toString()));

        assertEquals("ticker token: symbols: the token would entitle nothing; give --symbols or --groups", err.toString().strip());
    }

    @Test
    void shouldRefuseADurationItCannotRead() throws Exception
    {
        final Path secret = Files.writeString(dir.resolve("secret"), "s".repeat(48));

        assertEquals(2, run("token", "--subject", "alice", "--symbols", "*", "--ttl", "soon", "--secret", secret.toString()));

        assertTrue(err.toString().contains("'soon': expected a duration such as 500ms, 10s, 2m, 8h, 7d or PT8H"), err.toString());
    }
}
