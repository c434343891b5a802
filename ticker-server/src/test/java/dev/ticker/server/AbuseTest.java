package dev.ticker.server;

import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one machine can do to the server over plain TCP and HTTP, through the real server: a
 * connection that never sends its request, or only half of it, is closed after the handshake
 * timeout; an address that floods HTTP gets 429 past its rate. A subscribed bystander keeps
 * receiving meanwhile.
 */
@Timeout(60)
class AbuseTest
{
    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        fixture.append(10);
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(20).handshakeTimeoutMs(300)
            .httpRequestsPerSecond(1).httpRequestBurst(5), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldCloseConnectionsThatSendNothingOrHalfAHandshakeButKeepAnUpgradedOne() throws IOException
    {
        try (WebSocketTestClient bystander = connect())
        {
            bystander.send(TickerServerTest.subscribe(1, "AAA"));
            assertTrue(bystander.next().hasSubscribed());
            try (Socket silent = open(); Socket half = open())
            {
                half.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n".getBytes(StandardCharsets.US_ASCII));
                half.getOutputStream().flush();
                assertClosedByServer(silent, "a connection that sends nothing");
                assertClosedByServer(half, "a connection that sends half a handshake");
            }
            // the bystander was open longer than both: the deadline is for requests, not upgraded connections
            fixture.append(3);
            assertTrue(bystander.nextMatching(ServerMessage::hasData).getData().getTicksCount() > 0);
            assertFalse(bystander.isClosed());
        }
    }

    @Test
    void shouldAnswer429ToAnAddressPastItsHttpRateAndKeepStreaming() throws Exception
    {
        try (WebSocketTestClient bystander = connect())
        {
            bystander.send(TickerServerTest.subscribe(1, "AAA"));
            assertTrue(bystander.next().hasSubscribed());
            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            int ok = 0;
            int limited = 0;
            HttpResponse<String> refusal = null;
            for (int i = 0; i < 30; i++)
            {
                final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/journal")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200)
                {
                    ok++;
                }
                else
                {
                    assertEquals(429, response.statusCode(), response.body());
                    limited++;
                    refusal = response;
                }
            }
            assertTrue(ok >= 4, "the burst (less the bystander's handshake) is served: " + ok);
            assertTrue(limited > 0, "past the burst and the rate, 429");
            assertEquals("1", refusal.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(refusal.body().contains("httpRequestsPerSecond"), refusal.body());
            assertEquals(limited, server.connectionCounters().httpRateLimited());
            fixture.append(3);
            assertTrue(bystander.nextMatching(ServerMessage::hasData).getData().getTicksCount() > 0, "streaming goes on");
        }
    }

    @Test
    void shouldAnswer429BeforeTheUpgradeToHandshakesPastTheAddressRateAndKeepStreaming() throws IOException
    {
        try (WebSocketTestClient bystander = connect())
        {
            bystander.send(TickerServerTest.subscribe(1, "AAA"));
            assertTrue(bystander.next().hasSubscribed());
            // the bystander's handshake took one of the burst of 5; the next handshakes take the rest, then 429
            int upgraded = 0;
            String refusal = null;
            for (int i = 0; i < 12 && null == refusal; i++)
            {
                try (Socket socket = open())
                {
                    socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n" +
                        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                    final String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                    if (answer.equals("HTTP/1.1 101"))
                    {
                        upgraded++;
                    }
                    else
                    {
                        refusal = answer;
                    }
                }
            }
            assertEquals("HTTP/1.1 429", refusal, "a handshake past the rate is refused before the upgrade");
            assertTrue(upgraded >= 4, "the burst is upgraded: " + upgraded);
            assertTrue(server.connectionCounters().httpRateLimited() >= 1);
            fixture.append(3);
            assertTrue(bystander.nextMatching(ServerMessage::hasData).getData().getTicksCount() > 0, "streaming goes on");
        }
    }

    @Test
    void shouldAnswerAnInvalidUtf8TextFrameWithAnErrorAndCountIt() throws IOException
    {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), null))
        {
            assertEquals(101, client.handshakeStatus);
            client.sendFrame(true, RawWebSocketClient.OP_TEXT, new byte[] {'o', 'k', (byte)0xC3, (byte)0x28});
            RawWebSocketClient.Frame frame;
            ServerMessage error = null;
            do
            {
                frame = client.readFrame();
                if (frame.opcode() == RawWebSocketClient.OP_BINARY)
                {
                    final ServerMessage message = ServerMessage.parseFrom(frame.payload());
                    error = message.hasError() ? message : error;
                }
            }
            while (frame.opcode() != RawWebSocketClient.OP_CLOSE);
            assertEquals(1007, frame.closeCode());
            assertTrue(null != error, "an Error before the close");
            assertEquals(dev.ticker.proto.v1.ErrorCode.ERROR_CODE_MALFORMED_MESSAGE, error.getError().getCode());
            assertTrue(error.getError().getMessage().contains("UTF-8"), error.getError().getMessage());
        }
        Conditions.await("the error counted", () -> server.counters().errors(dev.ticker.proto.v1.ErrorCode.ERROR_CODE_MALFORMED_MESSAGE) == 1);
    }

    private Socket open() throws IOException
    {
        final Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
        socket.setSoTimeout((int)WebSocketTestClient.TIMEOUT.toMillis());
        return socket;
    }

    /** Reads until the server closes (end of stream or reset); a read timeout fails the test. */
    private static void assertClosedByServer(final Socket socket, final String what) throws IOException
    {
        final InputStream in = socket.getInputStream();
        try
        {
            while (in.read() != -1)
            {
                // whatever the server says before it closes (a 408 for the half request) is read past
            }
        }
        catch (final SocketException reset)
        {
            // closed with a reset: closed all the same
        }
        catch (final java.net.SocketTimeoutException ex)
        {
            throw new AssertionError(what + " was not closed by the server within " + WebSocketTestClient.TIMEOUT, ex);
        }
    }

    private WebSocketTestClient connect()
    {
        return WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    }
}
