package dev.ticker.server.security;

import dev.ticker.proto.v1.ClientMessage;
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
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens at the handshake and on /api/*, through the real server on a real port, with tokens the test signs. */
@Timeout(60)
class TokenAuthenticationTest
{
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Entitlements AAA_ONLY = new Entitlements(List.of(SymbolPattern.parse("AAA")), List.of(), false,
        Duration.ZERO, 0, 0);

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
        fixture.append(10);
        final Path secret = Files.writeString(dir.resolve("secret"), "0123456789abcdef0123456789abcdef-test\n");
        issuer = TokenIssuer.hmacSecret(secret);
        server = TickerServer.start(new ServerConfiguration().port(0).auth("token").tokenSecret(secret.toString()), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldOpenTheStreamWithATokenOfferedAsASubprotocolAndAnswerWithTheProtocolNameOnly()
    {
        final String token = issuer.issue("alice", AAA_ONLY, Instant.now(), HOUR);
        try (WebSocketTestClient client = WebSocketTestClient.connect(ws(), http, Map.of(), List.of("ticker", "bearer." + token)))
        {
            assertEquals("ticker", client.subprotocol());
            client.send(subscribe(1, "AAA"));
            assertTrue(client.nextMatching(ServerMessage::hasSubscribed).hasSubscribed());
        }
    }

    @Test
    void shouldOpenTheStreamWithAnAuthorizationHeader()
    {
        final String token = issuer.issue("bob", AAA_ONLY, Instant.now(), HOUR);
        try (WebSocketTestClient client = WebSocketTestClient.connect(ws(), http, Map.of("Authorization", "Bearer " + token), List.of()))
        {
            client.send(subscribe(1, "AAA"));
            assertEquals(List.of("AAA"), client.nextMatching(ServerMessage::hasSubscribed).getSubscribed().getSymbolsList());
        }
    }

    @Test
    void shouldRefuseAHandshakeWithoutAToken()
    {
        final HttpResponse<?> refused = refusedHandshake(Map.of(), List.of());

        assertEquals(401, refused.statusCode());
        assertEquals("Bearer realm=\"ticker\"", refused.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void shouldRefuseExpiredWronglySignedAndUnsignedTokens() throws Exception
    {
        final String expired = issuer.issue("carol", AAA_ONLY, Instant.now().minus(Duration.ofHours(2)), HOUR);
        final String forged = TokenIssuer.hmacSecret(Files.writeString(dir.resolve("other"), "x".repeat(40)))
            .issue("mallory", AAA_ONLY, Instant.now(), HOUR);
        final String unsigned = new com.nimbusds.jwt.PlainJWT(new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("mallory")
            .expirationTime(java.util.Date.from(Instant.now().plus(HOUR))).build()).serialize();

        for (final String token : List.of(expired, forged, unsigned))
        {
            assertEquals(401, refusedHandshake(Map.of(), List.of("ticker", "bearer." + token)).statusCode(), token);
            assertEquals(401, refusedHandshake(Map.of("Authorization", "Bearer " + token), List.of()).statusCode(), token);
        }
    }

    @Test
    void shouldRefuseATokenInTheUrl() throws Exception
    {
        final String token = issuer.issue("alice", AAA_ONLY, Instant.now(), HOUR);

        final HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/instruments?access_token=" + token))
            .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(400, api.statusCode());
        assertTrue(api.body().contains("a token in the URL is refused"), api.body());
        final CompletionException error = assertThrows(CompletionException.class, () -> WebSocketTestClient.connect(
            URI.create("ws://127.0.0.1:" + server.port() + "/ws?access_token=" + token), http, Map.of(), List.of()));
        assertEquals(400, assertInstanceOf(WebSocketHandshakeException.class, error.getCause()).getResponse().statusCode());
    }

    @Test
    void shouldAnswerTheApiOnlyWithAToken() throws Exception
    {
        final String token = issuer.issue("alice", AAA_ONLY, Instant.now(), HOUR);

        assertEquals(401, get("api/instruments", null).statusCode());
        assertEquals(401, get("api/instruments", "not-a-token").statusCode());
        final HttpResponse<String> instruments = get("api/instruments", token);
        assertEquals(200, instruments.statusCode(), instruments.body());
        assertTrue(instruments.body().contains("\"AAA\""), instruments.body());
    }

    @Test
    void shouldKeepTheAdminEndpointsOffTheClientPort() throws Exception
    {
        final String token = issuer.issue("alice", Entitlements.ALL, Instant.now(), HOUR);

        assertEquals(404, get("health", token).statusCode());
        assertEquals(404, get("metrics", token).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(server.adminUrl() + "health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private HttpResponse<?> refusedHandshake(final Map<String, String> headers, final List<String> protocols)
    {
        final CompletionException error = assertThrows(CompletionException.class,
            () -> WebSocketTestClient.connect(ws(), http, headers, protocols));
        return assertInstanceOf(WebSocketHandshakeException.class, error.getCause()).getResponse();
    }

    private HttpResponse<String> get(final String path, final String token) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (null != token)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI ws()
    {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    }

    static ClientMessage subscribe(final int requestId, final String... symbols)
    {
        return ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(requestId).addAllSymbols(List.of(symbols)))
            .build();
    }
}
