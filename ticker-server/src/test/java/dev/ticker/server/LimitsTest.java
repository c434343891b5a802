package dev.ticker.server;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.metrics.ConnectionCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

import static dev.ticker.server.TickerServerTest.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every limit of the server, through the real server and real clients: each breach gets its error
 * code and close code, is counted in /metrics, and leaves other clients served.
 */
@Timeout(60)
class LimitsTest
{
    private static final int MAX_MESSAGE_BYTES = 1024;

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;

    @BeforeEach
    void openJournal()
    {
        fixture = new JournalFixture(dir);
        fixture.append(10);
    }

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.close();
        }
        fixture.close();
    }

    @Test
    void shouldAnswerAnOversizedMessageWithMessageTooLargeThenClose1009()
    {
        start(c -> c);
        try (WebSocketTestClient client = connect())
        {
            client.sendBinary(unknownField(MAX_MESSAGE_BYTES + 1));
            final ServerMessage error = client.next();
            assertEquals(ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE, error.getError().getCode(), error.toString());
            assertTrue(error.getError().getMessage().contains("maxInboundMessageBytes=" + MAX_MESSAGE_BYTES), error.getError().getMessage());
            assertEquals(1009, client.awaitCloseCode());
        }
        awaitClosed(1009);
        assertEquals(1, server.counters().errors(ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE));
    }

    @Test
    void shouldTakeAMessageOfExactlyTheLimit()
    {
        start(c -> c);
        try (WebSocketTestClient client = connect())
        {
            // a message type this server does not know, padded to the limit: read whole, then ignored
            client.sendBinary(unknownField(MAX_MESSAGE_BYTES));
            client.send(subscribe(7, "AAA"));
            assertEquals(7, client.next().getSubscribed().getRequestId(), "still open, and the message before was ignored");
        }
    }

    @Test
    void shouldCountTheFragmentsOfAMessageTogetherAgainstTheSizeLimit() throws IOException
    {
        start(c -> c);
        try (RawWebSocketClient raw = RawWebSocketClient.connect(server.port(), null))
        {
            assertEquals(101, raw.handshakeStatus);
            final byte[] message = unknownField(3 * MAX_MESSAGE_BYTES);
            final int third = message.length / 3;
            raw.sendFrame(false, RawWebSocketClient.OP_BINARY, Arrays.copyOfRange(message, 0, third));
            raw.sendFrame(false, RawWebSocketClient.OP_CONTINUATION, Arrays.copyOfRange(message, third, 2 * third));
            raw.sendFrame(true, RawWebSocketClient.OP_CONTINUATION, Arrays.copyOfRange(message, 2 * third, message.length));

            final ServerMessage error = nextMessage(raw);
            assertEquals(ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE, error.getError().getCode(), error.toString());
            final RawWebSocketClient.Frame close = nextFrameOtherThanPingOrData(raw);
            assertEquals(RawWebSocketClient.OP_CLOSE, close.opcode());
            assertEquals(1009, close.closeCode());
        }
    }

    @Test
    void shouldCloseAClientThatSendsMessagesFasterThanAllowedWithRateLimitedThen1008()
    {
        start(c -> c.maxControlMessagesPerSecond(1).controlMessageBurst(3));
        try (WebSocketTestClient flooder = connect(); WebSocketTestClient calm = connect())
        {
            calm.send(subscribe(1, "AAA"));
            calm.nextMatching(ServerMessage::hasSnapshot);
            for (int i = 1; i <= 8 && !flooder.isClosed(); i++)
            {
                trySend(flooder, subscribe(i, "BBB"));
            }
            for (int i = 1; i <= 3; i++)
            {
                assertEquals(i, flooder.nextMatching(ServerMessage::hasSubscribed).getSubscribed().getRequestId(),
                    "the burst is served");
            }
            final ServerMessage error = flooder.nextMatching(ServerMessage::hasError);
            assertEquals(ErrorCode.ERROR_CODE_RATE_LIMITED, error.getError().getCode(), error.toString());
            assertTrue(error.getError().getMessage().contains("maxControlMessagesPerSecond=1"), error.getError().getMessage());
            assertEquals(1008, flooder.awaitCloseCode());

            fixture.append(3);
            assertTrue(calm.nextMatching(ServerMessage::hasData).getData().getTicksCount() > 0, "the other client is still served");
            assertFalse(calm.isClosed());
        }
        awaitClosed(1008);
        assertEquals(1, server.connectionCounters().rateLimited());
        assertEquals(1.0, MetricsScrape.scrape(server.adminPort()).value("ticker_rate_limited_total"));
        assertEquals(1, server.counters().errors(ErrorCode.ERROR_CODE_RATE_LIMITED));
    }

    @Test
    void shouldTurnAwayTheConnectionOverTheTotalLimitWithTooManyConnectionsThen1013()
    {
        start(c -> c.maxConnections(2));
        final WebSocketTestClient second = connect();
        try (WebSocketTestClient first = connect())
        {
            try (WebSocketTestClient third = connect())
            {
                final ServerMessage error = third.next();
                assertEquals(ErrorCode.ERROR_CODE_TOO_MANY_CONNECTIONS, error.getError().getCode(), error.toString());
                assertTrue(error.getError().getMessage().contains("maxConnections"), error.getError().getMessage());
                assertEquals(1013, third.awaitCloseCode());
            }
            assertEquals(1, server.connectionCounters().refused(ConnectionCounters.Refusal.MAX_CONNECTIONS));
            assertEquals(2, server.connections(), "the refused connection took no slot");

            second.close();
            Conditions.await("the closed connection gives its slot back", () -> server.connections() == 1);
            try (WebSocketTestClient again = connect())
            {
                again.send(subscribe(4, "AAA"));
                assertEquals(4, again.next().getSubscribed().getRequestId(), "a slot freed is taken again");
            }
            first.send(subscribe(5, "AAA"));
            assertEquals(5, first.next().getSubscribed().getRequestId());
        }
        finally
        {
            second.close();
        }
        final MetricsScrape metrics = MetricsScrape.scrape(server.adminPort());
        assertEquals(1.0, metrics.value("ticker_connections_refused_total{reason=\"max_connections\"}"));
        assertEquals(1.0, metrics.value("ticker_errors_total{code=\"TOO_MANY_CONNECTIONS\"}"));
        assertEquals(3.0, metrics.value("ticker_connections_opened_total"), "refused connections are not opened ones");
    }

    @Test
    void shouldTurnAwayTheConnectionOverTheLimitPerAddressButServeOtherAddresses() throws IOException
    {
        start(c -> c.maxConnectionsPerAddress(1));
        try (WebSocketTestClient first = connect())
        {
            try (WebSocketTestClient second = connect())
            {
                final ServerMessage error = second.next();
                assertEquals(ErrorCode.ERROR_CODE_TOO_MANY_CONNECTIONS, error.getError().getCode(), error.toString());
                assertTrue(error.getError().getMessage().contains("address 127.0.0.1"), error.getError().getMessage());
                assertEquals(1013, second.awaitCloseCode());
            }
            try (RawWebSocketClient other = RawWebSocketClient.connect(server.port(), InetAddress.getByName("127.0.0.2")))
            {
                assertEquals(101, other.handshakeStatus);
                other.sendFrame(true, RawWebSocketClient.OP_BINARY, subscribe(9, "AAA").toByteArray());
                assertEquals(9, nextMessage(other).getSubscribed().getRequestId(), "another address has its own allowance");
            }
            assertEquals(1, server.connectionCounters().refused(ConnectionCounters.Refusal.MAX_CONNECTIONS_PER_ADDRESS));
            first.send(subscribe(3, "BBB"));
            assertEquals(3, first.next().getSubscribed().getRequestId(), "the connection within the limit is served");
        }
    }

    @Test
    void shouldRefuseASubscriptionOverTheSymbolLimitAndStayOpen()
    {
        start(c -> c.maxSymbolsPerConnection(2));
        try (WebSocketTestClient client = connect())
        {
            client.send(subscribe(1, "AAA", "BBB", "CCC"));
            final ServerMessage error = client.next();
            assertEquals(ErrorCode.ERROR_CODE_TOO_MANY_SYMBOLS, error.getError().getCode(), error.toString());
            assertEquals(1, error.getError().getRequestId());
            client.send(subscribe(2, "AAA", "BBB"));
            assertEquals(List.of("AAA", "BBB"), client.next().getSubscribed().getSymbolsList());
            assertFalse(client.isClosed());
        }
        assertEquals(1.0, MetricsScrape.scrape(server.adminPort()).value("ticker_errors_total{code=\"TOO_MANY_SYMBOLS\"}"));
    }

    @Test
    void shouldOpenTheWebSocketOnlyForAllowedOrigins() throws Exception
    {
        start(c -> c.allowedOrigins(List.of("https://dash.example.com")));
        try (WebSocketTestClient client = WebSocketTestClient.connect(wsUri(), Map.of("Origin", "https://dash.example.com")))
        {
            client.send(subscribe(1, "AAA"));
            assertTrue(client.next().hasSubscribed());
        }
        for (final String origin : List.of("https://dash.example.com.evil.net", "http://dash.example.com", "null"))
        {
            final CompletionException ex = assertThrows(CompletionException.class,
                () -> WebSocketTestClient.connect(wsUri(), Map.of("Origin", origin)), origin);
            assertInstanceOf(WebSocketHandshakeException.class, ex.getCause());
            assertEquals(403, ((WebSocketHandshakeException)ex.getCause()).getResponse().statusCode(), origin);
        }
        final HttpResponse<String> refused = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(wsUri("http")).header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("origin http://evil.example is not allowed") && refused.body().contains("--allowed-origins"),
            refused.body());
        assertEquals(1, server.connectionCounters().opened(), "only the allowed origin opened a connection");
    }

    @Test
    void shouldCountEachCloseCodeByWhoeverClosedFirst() throws IOException
    {
        start(c -> c);
        try (WebSocketTestClient text = connect(); WebSocketTestClient malformed = connect())
        {
            text.sendText("hello");
            assertEquals(1003, text.awaitCloseCode());
            malformed.sendBinary(new byte[] {0x0A, 0x7F, 0x01});
            assertEquals(1007, malformed.awaitCloseCode());
        }
        try (RawWebSocketClient polite = RawWebSocketClient.connect(server.port(), null))
        {
            polite.sendFrame(true, RawWebSocketClient.OP_CLOSE, new byte[] {(byte)(1000 >> 8), (byte)(1000 & 0xFF)});
            final RawWebSocketClient.Frame echo = nextFrameOtherThanPingOrData(polite);
            assertEquals(RawWebSocketClient.OP_CLOSE, echo.opcode());
            assertEquals(1000, echo.closeCode(), "the server answers a close with its code");
        }
        try (RawWebSocketClient vanishing = RawWebSocketClient.connect(server.port(), null))
        {
            assertEquals(101, vanishing.handshakeStatus);
        }
        awaitClosed(1003);
        awaitClosed(1007);
        awaitClosed(1000);
        awaitClosed(1006);
        Conditions.await("every connection closed", () -> server.connections() == 0 && server.counters().sessions() == 0);
        final MetricsScrape metrics = MetricsScrape.scrape(server.adminPort());
        assertEquals(1.0, metrics.value("ticker_connections_closed_total{code=\"1003\"}"));
        assertEquals(1.0, metrics.value("ticker_connections_closed_total{code=\"1007\"}"));
        assertEquals(1.0, metrics.value("ticker_connections_closed_total{code=\"1000\"}"));
        assertEquals(1.0, metrics.value("ticker_connections_closed_total{code=\"1006\"}"), "ended without a close frame");
        assertEquals(0.0, metrics.value("ticker_connections_closed_total{code=\"other\"}"));
        assertEquals(0.0, metrics.value("ticker_connections"));
        assertEquals(4.0, metrics.value("ticker_connections_opened_total"));
    }

    @Test
    void shouldCloseWith1002OnABrokenFrameAndCountIt() throws IOException
    {
        start(c -> c);
        try (RawWebSocketClient broken = RawWebSocketClient.connect(server.port(), null))
        {
            broken.sendFrame(true, 0x3, new byte[] {1, 2, 3}); // opcode 3 is reserved
            final RawWebSocketClient.Frame close = nextFrameOtherThanPingOrData(broken);
            assertEquals(RawWebSocketClient.OP_CLOSE, close.opcode());
            assertEquals(1002, close.closeCode());
        }
        awaitClosed(1002);
        assertEquals(1.0, MetricsScrape.scrape(server.adminPort()).value("ticker_connections_closed_total{code=\"1002\"}"));
    }

    private void start(final UnaryOperator<ServerConfiguration> settings)
    {
        server = TickerServer.start(settings.apply(new ServerConfiguration().port(0).maxInboundMessageBytes(MAX_MESSAGE_BYTES)),
            fixture.journal);
    }

    private void awaitClosed(final int closeCode)
    {
        Conditions.await("a connection counted as closed with " + closeCode, () -> server.connectionCounters().closes(closeCode) == 1);
    }

    private WebSocketTestClient connect()
    {
        return WebSocketTestClient.connect(wsUri());
    }

    private URI wsUri()
    {
        return wsUri("ws");
    }

    private URI wsUri(final String scheme)
    {
        return URI.create(scheme + "://127.0.0.1:" + server.port() + "/ws");
    }

    private static void trySend(final WebSocketTestClient client, final ClientMessage message)
    {
        try
        {
            client.send(message);
        }
        catch (final CompletionException ex)
        {
            // the server may already have closed the connection of a client over its rate
        }
    }

    /**
     * A ClientMessage of exactly {@code size} bytes: field 15, length-delimited, which this server
     * does not know and ignores.
     */
    static byte[] unknownField(final int size)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(15 << 3 | 2);
        int length = size - 1 - 1;
        while (length + 1 + varintSize(length) > size)
        {
            length--;
        }
        for (int value = length; ; value >>>= 7)
        {
            if (value < 0x80)
            {
                out.write(value);
                break;
            }
            out.write(value & 0x7F | 0x80);
        }
        out.writeBytes(new byte[length]);
        final byte[] bytes = out.toByteArray();
        assertEquals(size, bytes.length);
        return bytes;
    }

    private static int varintSize(final int value)
    {
        return value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : 4;
    }

    /** The next protocol message on a raw connection, skipping pings. */
    static ServerMessage nextMessage(final RawWebSocketClient raw) throws IOException
    {
        while (true)
        {
            final RawWebSocketClient.Frame frame = raw.readFrame();
            if (frame.opcode() == RawWebSocketClient.OP_BINARY)
            {
                final ServerMessage message = ServerMessage.parseFrom(frame.payload());
                if (!message.hasHeartbeat())
                {
                    return message;
                }
            }
            else if (frame.opcode() != RawWebSocketClient.OP_PING)
            {
                throw new AssertionError("expected a binary frame, got opcode " + frame.opcode());
            }
        }
    }

    private static RawWebSocketClient.Frame nextFrameOtherThanPingOrData(final RawWebSocketClient raw) throws IOException
    {
        while (true)
        {
            final RawWebSocketClient.Frame frame = raw.readFrame();
            if (frame.opcode() != RawWebSocketClient.OP_PING && frame.opcode() != RawWebSocketClient.OP_BINARY)
            {
                return frame;
            }
        }
    }
}
