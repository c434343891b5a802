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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One address that opens connections and never finishes their handshake: past
 * maxPendingHandshakesPerAddress its next connection is closed as soon as it is accepted, while
 * other addresses, a connection that finishes its request, an upgraded bystander and the admin
 * listener are served as before. The handshake timeout is long here, so that only the cap acts.
 */
@Timeout(60)
class PendingHandshakesTest
{
    private static final int CAP = 3;
    private static final InetAddress ATTACKER = loopback(1);
    private static final InetAddress OTHER = loopback(2);

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        fixture.append(10);
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(20).handshakeTimeoutMs(60_000)
            .maxPendingHandshakesPerAddress(CAP), fixture.journal);
    }

    @AfterEach
    void stop() throws IOException
    {
        for (final Socket socket : sockets)
        {
            socket.close();
        }
        server.close();
        fixture.close();
    }

    @Test
    void shouldCloseAConnectionOverTheCapAtOnceAndServeEveryoneElse() throws IOException
    {
        try (WebSocketTestClient bystander = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws")))
        {
            bystander.send(TickerServerTest.subscribe(1, "AAA"));
            assertTrue(bystander.next().hasSubscribed());
            assertEquals(0, server.pendingHandshakes().pending(ATTACKER), "an upgraded connection is through its handshake");

            final List<Socket> silent = new ArrayList<>();
            for (int i = 0; i < CAP; i++)
            {
                silent.add(open(ATTACKER));
            }
            Conditions.await("the server holds " + CAP + " pending handshakes from " + ATTACKER,
                () -> server.pendingHandshakes().pending(ATTACKER) == CAP);

            final Socket over = open(ATTACKER);
            assertClosedWithoutAnswer(over);
            assertEquals(1, server.pendingHandshakes().refused());

            assertEquals("HTTP/1.1 200 OK", get(open(OTHER), "/api/journal"), "another address is served");

            // a connection that finishes its request leaves the count: its address may open one more
            assertEquals("HTTP/1.1 200 OK", get(silent.get(0), "/api/journal"));
            Conditions.await("the answered connection left the count", () -> server.pendingHandshakes().pending(ATTACKER) == CAP - 1);
            assertEquals("HTTP/1.1 200 OK", get(open(ATTACKER), "/api/journal"), "a place was free again");

            // a connection that closes before its request leaves the count too
            silent.get(1).close();
            Conditions.await("the closed connection left the count", () -> server.pendingHandshakes().pending(ATTACKER) == CAP - 2);

            final MetricsScrape metrics = MetricsScrape.scrape(server.adminPort());
            assertEquals(1.0, metrics.value("ticker_pending_handshakes_refused_total"));

            fixture.append(3);
            assertTrue(bystander.nextMatching(ServerMessage::hasData).getData().getTicksCount() > 0, "the bystander streams on");
            assertFalse(bystander.isClosed());
        }
    }

    @Test
    void shouldCountAWebSocketTurnedAwayOverTheAddressLimitUntilItHasClosed() throws IOException
    {
        server.close();
        server = TickerServer.start(new ServerConfiguration().port(0).handshakeTimeoutMs(60_000).closeTimeoutMs(60_000)
            .maxConnectionsPerAddress(1).maxPendingHandshakesPerAddress(2), fixture.journal);
        try (WebSocketTestClient bystander = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws")))
        {
            bystander.send(TickerServerTest.subscribe(1, "AAA"));
            assertTrue(bystander.next().hasSubscribed());

            // two handshakes over the limit per address: each is upgraded, told why and closed, but never answers the close
            final Socket first = open(ATTACKER);
            final Socket second = open(ATTACKER);
            assertEquals("HTTP/1.1 101 Switching Protocols", handshake(first));
            assertEquals("HTTP/1.1 101 Switching Protocols", handshake(second));
            Conditions.await("both turned-away connections count until they close", () -> server.pendingHandshakes().pending(ATTACKER) == 2);

            assertClosedWithoutAnswer(open(ATTACKER));
            assertEquals(1, server.pendingHandshakes().refused());

            first.close();
            second.close();
            Conditions.await("the closed ones no longer count", () -> server.pendingHandshakes().pending(ATTACKER) == 0);
            assertEquals("HTTP/1.1 101 Switching Protocols", handshake(open(ATTACKER)), "turned away after the upgrade again, not at accept");

            fixture.append(3);
            assertTrue(bystander.nextMatching(ServerMessage::hasData).getData().getTicksCount() > 0, "the bystander streams on");
        }
    }

    private Socket open(final InetAddress from) throws IOException
    {
        final Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
        socket.setSoTimeout((int)WebSocketTestClient.TIMEOUT.toMillis());
        return socket;
    }

    /** Sends a whole WebSocket handshake and returns the answer's status line. */
    private static String handshake(final Socket socket) throws IOException
    {
        socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return statusLine(socket);
    }

    /** Sends a whole GET request and returns the answer's status line. */
    private static String get(final Socket socket, final String path) throws IOException
    {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return statusLine(socket);
    }

    private static String statusLine(final Socket socket) throws IOException
    {
        final InputStream in = socket.getInputStream();
        final StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\r'; b = in.read())
        {
            line.append((char)b);
        }
        return line.toString();
    }

    /** The server closes the connection (end of stream or reset) without a byte; a read timeout fails the test. */
    private static void assertClosedWithoutAnswer(final Socket socket) throws IOException
    {
        try
        {
            assertEquals(-1, socket.getInputStream().read(), "closed without an answer");
        }
        catch (final SocketException reset)
        {
            // closed with a reset: closed all the same
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("the connection over the cap was not closed within " + WebSocketTestClient.TIMEOUT, ex);
        }
    }

    private static InetAddress loopback(final int last)
    {
        try
        {
            return InetAddress.getByAddress(new byte[]{127, 0, 0, (byte)last});
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
