package dev.ticker.server.security;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.RefreshToken;
import dev.ticker.proto.v1.ReplayStart;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.server.JournalFixture;
import dev.ticker.server.TickerServer;
import dev.ticker.server.WebSocketTestClient;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entitlements held on every request type through the real server: what is not entitled is refused with
 * NOT_ENTITLED naming it, what is entitled is served, and the connection stays open; tokens expire and
 * are refreshed; a subject's connections are limited.
 */
@Timeout(60)
class EntitlementEnforcementTest
{
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;
    private TokenIssuer issuer;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception
    {
        fixture = new JournalFixture(dir.resolve("data"));
        fixture.append(30);
        final Path secret = Files.writeString(dir.resolve("secret"), "an HS256 secret of at least 32 bytes\n");
        issuer = TokenIssuer.hmacSecret(secret);
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(10).auth("token")
            .tokenSecret(secret.toString()), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldServeTheEntitledSymbolsOfASubscribeAndNameTheOthers()
    {
        try (WebSocketTestClient client = connect(token("alice", entitled("AAA"))))
        {
            client.send(subscribe(1, "AAA", "BBB"));

            final ServerMessage refusal = client.nextMatching(ServerMessage::hasError);
            assertEquals(ErrorCode.ERROR_CODE_NOT_ENTITLED, refusal.getError().getCode());
            assertEquals(1, refusal.getError().getRequestId());
            assertTrue(refusal.getError().getMessage().startsWith("symbol BBB: not entitled for subject alice"), refusal.toString());
            assertEquals(List.of("AAA"), client.nextMatching(ServerMessage::hasSubscribed).getSubscribed().getSymbolsList());
        }
    }

    @Test
    void shouldTurnASubscriptionToAllIntoTheEntitledInstruments()
    {
        try (WebSocketTestClient client = connect(token("alice", entitled("C*"))))
        {
            client.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(2).setAll(true)).build());

            final ServerMessage ack = client.nextMatching(ServerMessage::hasSubscribed);
            assertEquals(List.of("CCC"), ack.getSubscribed().getSymbolsList());
            assertFalse(ack.getSubscribed().getAll());
        }
    }

    @Test
    void shouldRefuseTheNotEntitledSubscriptionsOfAResumeAndStayOpen()
    {
        try (WebSocketTestClient client = connect(token("alice", entitled("AAA"))))
        {
            client.send(ClientMessage.newBuilder().setResume(Resume.newBuilder().setRequestId(3).setLastSequence(5)
                .addSubscriptions(Subscribe.newBuilder().addSymbols("BBB"))).build());

            final ServerMessage refusal = client.nextMatching(ServerMessage::hasError);
            assertEquals(ErrorCode.ERROR_CODE_NOT_ENTITLED, refusal.getError().getCode());
            assertTrue(refusal.getError().getMessage().startsWith("symbol BBB: not entitled"), refusal.toString());
            client.send(subscribe(4, "AAA"));
            assertEquals(4, client.nextMatching(ServerMessage::hasSubscribed).getSubscribed().getRequestId());
        }
    }

    @Test
    void shouldRefuseAReplayWithoutTheReplayEntitlement()
    {
        try (WebSocketTestClient client = connect(token("alice", entitled("*"))))
        {
            client.send(replayFromSequence(5, 1));

            final ServerMessage refusal = client.nextMatching(ServerMessage::hasError);
            assertEquals(ErrorCode.ERROR_CODE_NOT_ENTITLED, refusal.getError().getCode());
            assertEquals("replay is not entitled for subject alice", refusal.getError().getMessage());
            client.send(subscribe(6, "AAA"));
            assertEquals(6, client.nextMatching(ServerMessage::hasSubscribed).getSubscribed().getRequestId());
        }
    }

    @Test
    void shouldRefuseAReplayFromFurtherBackThanEntitledAndServeOneWithin()
    {
        final Entitlements week = new Entitlements(List.of(SymbolPattern.parse("*")), List.of(), true, Duration.ofDays(7), 0, 0);
        final Entitlements forever = new Entitlements(List.of(SymbolPattern.parse("*")), List.of(), true, Duration.ZERO, 0, 0);
        try (WebSocketTestClient client = connect(token("alice", week)))
        {
            client.send(ClientMessage.newBuilder().setReplayStart(ReplayStart.newBuilder().setRequestId(7)
                .setFromTimeNs(JournalFixture.BASE_TIME_NS).setAll(true).setSpeed(0)).build());

            final ServerMessage refusal = client.nextMatching(ServerMessage::hasError);
            assertEquals(ErrorCode.ERROR_CODE_NOT_ENTITLED, refusal.getError().getCode());
            assertEquals("replay may start at most P7D back for subject alice", refusal.getError().getMessage());
        }
        try (WebSocketTestClient client = connect(token("bob", forever)))
        {
            client.send(replayFromSequence(8, 1));

            assertTrue(client.nextMatching(m -> m.hasReplayStatus() || m.hasError()).hasReplayStatus());
        }
    }

    @Test
    void shouldRefuseTheNotEntitledSymbolsOfAReplay()
    {
        final Entitlements replayAaa = new Entitlements(List.of(SymbolPattern.parse("AAA")), List.of(), true, Duration.ZERO, 0, 0);
        try (WebSocketTestClient client = connect(token("alice", replayAaa)))
        {
            client.send(ClientMessage.newBuilder().setReplayStart(ReplayStart.newBuilder().setRequestId(9).setFromSequence(1)
                .addSymbols("BBB").setSpeed(0)).build());

            final ServerMessage refusal = client.nextMatching(ServerMessage::hasError);
            assertEquals(ErrorCode.ERROR_CODE_NOT_ENTITLED, refusal.getError().getCode());
            assertTrue(refusal.getError().getMessage().startsWith("symbol BBB: not entitled"), refusal.toString());
        }
    }

    @Test
    void shouldLimitTheConnectionsOfOneSubject() throws Exception
    {
        final String token = token("alice", new Entitlements(List.of(SymbolPattern.parse("*")), List.of(), false, Duration.ZERO, 0, 1));
        try (WebSocketTestClient first = connect(token))
        {
            first.send(subscribe(1, "AAA"));
            first.nextMatching(ServerMessage::hasSubscribed);
            try (WebSocketTestClient second = connect(token))
            {
                final ServerMessage refusal = second.nextMatching(ServerMessage::hasError);
                assertEquals(ErrorCode.ERROR_CODE_TOO_MANY_CONNECTIONS, refusal.getError().getCode());
                assertTrue(refusal.getError().getMessage().contains("max_connections"), refusal.toString());
                assertEquals(1013, second.awaitCloseCode());
            }
        }
        awaitTrue(() -> server.subjectConnections().count("alice") == 0);
        try (WebSocketTestClient third = connect(token))
        {
            third.send(subscribe(2, "AAA"));
            assertTrue(third.nextMatching(ServerMessage::hasSubscribed).hasSubscribed());
        }
    }

    @Test
    void shouldCloseWithTokenExpiredWhenTheTokenRunsOut()
    {
        // in date at the handshake, out of date two seconds later
        final String token = issuer.issue("alice", entitled("AAA"), Instant.now().minus(Duration.ofSeconds(58)), Duration.ofMinutes(1));
        try (WebSocketTestClient client = connect(token))
        {
            client.send(subscribe(1, "AAA"));

            final ServerMessage expired = client.nextMatching(ServerMessage::hasError);
            assertEquals(ErrorCode.ERROR_CODE_TOKEN_EXPIRED, expired.getError().getCode());
            assertTrue(expired.getError().getMessage().startsWith("the token of subject alice expired at "), expired.toString());
            assertEquals(ConnectionGuard.CLOSE_TOKEN_EXPIRED, client.awaitCloseCode());
        }
    }

    @Test
    void shouldStayOpenPastTheFirstExpiryAfterARefresh()
    {
        final Instant issued = Instant.now().minus(Duration.ofSeconds(58));
        final String token = issuer.issue("alice", entitled("AAA"), issued, Duration.ofMinutes(1));
        final long firstExpiryNs = issued.plus(Duration.ofMinutes(1)).getEpochSecond() * 1_000_000_000L;
        try (WebSocketTestClient client = connect(token))
        {
            client.send(subscribe(1, "AAA"));
            client.nextMatching(ServerMessage::hasSubscribed);
            client.send(ClientMessage.newBuilder().setRefreshToken(RefreshToken.newBuilder().setRequestId(2)
                .setToken(issuer.issue("alice", entitled("AAA"), Instant.now(), HOUR))).build());

            // the server's own heartbeats say when its clock has passed the first token's expiry
            final ServerMessage after = client.nextMatching(m -> m.hasError() ||
                m.hasHeartbeat() && m.getHeartbeat().getServerTimeNs() > firstExpiryNs + 1_000_000_000L);

            assertTrue(after.hasHeartbeat(), after.toString());
            assertFalse(client.isClosed());
        }
    }

    @Test
    void shouldRefuseARefreshForAnotherSubject()
    {
        try (WebSocketTestClient client = connect(token("alice", entitled("AAA"))))
        {
            client.send(ClientMessage.newBuilder().setRefreshToken(RefreshToken.newBuilder().setRequestId(3)
                .setToken(issuer.issue("mallory", Entitlements.ALL, Instant.now(), HOUR))).build());

            final ServerMessage refusal = client.nextMatching(ServerMessage::hasError);
            assertEquals(ErrorCode.ERROR_CODE_INVALID_TOKEN, refusal.getError().getCode());
            assertEquals("the token is for subject mallory, this connection's is alice", refusal.getError().getMessage());
            client.send(subscribe(4, "BBB"));
            assertEquals(ErrorCode.ERROR_CODE_NOT_ENTITLED, client.nextMatching(ServerMessage::hasError).getError().getCode());
        }
    }

    @Test
    void shouldHoldTheHttpReadsToTheEntitlements() throws Exception
    {
        final String aaa = token("alice", entitled("AAA"));
        final String replay = token("bob", new Entitlements(List.of(SymbolPattern.parse("*")), List.of(), true, Duration.ZERO, 0, 0));

        final HttpResponse<String> instruments = get("api/instruments", aaa);
        assertEquals(200, instruments.statusCode());
        assertTrue(instruments.body().contains("\"AAA\"") && !instruments.body().contains("\"BBB\""), instruments.body());

        final HttpResponse<String> bars = get("api/bars?symbol=BBB&interval=1m", aaa);
        assertEquals(403, bars.statusCode());
        assertTrue(bars.body().contains("NOT_ENTITLED: symbol=BBB: not entitled for subject alice"), bars.body());

        final HttpResponse<String> journal = get("api/journal", aaa);
        assertEquals(403, journal.statusCode());
        assertTrue(journal.body().contains("NOT_ENTITLED: replay is not entitled for subject alice"), journal.body());
        assertEquals(200, get("api/journal", replay).statusCode());
    }

    private String token(final String subject, final Entitlements entitlements)
    {
        return issuer.issue(subject, entitlements, Instant.now(), HOUR);
    }

    private static Entitlements entitled(final String... symbols)
    {
        return new Entitlements(List.of(symbols).stream().map(SymbolPattern::parse).toList(), List.of(), false, Duration.ZERO, 0, 0);
    }

    private WebSocketTestClient connect(final String token)
    {
        return WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), http, Map.of(),
            List.of("ticker", "bearer." + token));
    }

    private HttpResponse<String> get(final String path, final String token) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static ClientMessage subscribe(final int requestId, final String... symbols)
    {
        return TokenAuthenticationTest.subscribe(requestId, symbols);
    }

    private static ClientMessage replayFromSequence(final int requestId, final long sequence)
    {
        return ClientMessage.newBuilder().setReplayStart(ReplayStart.newBuilder().setRequestId(requestId).setFromSequence(sequence)
            .setAll(true).setSpeed(0)).build();
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + WebSocketTestClient.TIMEOUT.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("not true within " + WebSocketTestClient.TIMEOUT);
            }
            Thread.sleep(5);
        }
    }
}
