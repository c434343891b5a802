package dev.ticker.server.ws;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.ticker.server.Conditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.ticker.server.ws.BinaryClient.take;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketConnectionTest
{
    private static final long CLOSE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final EchoServer server = new EchoServer(CLOSE_TIMEOUT_NS);

    @AfterEach
    void stopServer()
    {
        server.close();
    }

    @Test
    void shouldEchoBinaryMessagesOfEverySizeByteEqual() throws Exception
    {
        final BinaryClient client = BinaryClient.connect(server.port());
        final Random random = new Random(3);
        for (final int size : new int[] {0, 1, 125, 126, 65535, 65536, 1024 * 1024})
        {
            final byte[] message = new byte[size];
            random.nextBytes(message);
            client.webSocket.sendBinary(ByteBuffer.wrap(message), true).join();
            assertArrayEquals(message, take(client.messages, "echo of " + size + " bytes"), "echo of " + size + " bytes");
        }
        final EchoServer.Peer peer = server.nextPeer();
        assertTrue(peer.upgradedOnIoThread, "the acceptor runs on the connection's I/O thread");
        assertEquals("127.0.0.1", peer.address.getAddress().getHostAddress());
        assertEquals(0, (long)peer.call(peer.connection::owedBytes));
        assertEquals(0, (int)peer.call(() -> peer.buffers.pool().chunksInUse()));
    }

    @Test
    void shouldAssembleAFragmentedMessageAndEchoItWhole() throws Exception
    {
        final BinaryClient client = BinaryClient.connect(server.port());
        final byte[] message = new byte[200_000];
        new Random(4).nextBytes(message);
        client.webSocket.sendBinary(ByteBuffer.wrap(message, 0, 10), false).join();
        client.webSocket.sendBinary(ByteBuffer.wrap(message, 10, 150_000), false).join();
        client.webSocket.sendBinary(ByteBuffer.wrap(message, 150_010, 49_990), true).join();
        assertArrayEquals(message, take(client.messages, "echo of the fragmented message"));
    }

    @Test
    void shouldAnswerThePeersPingWithAPongEchoingItsPayload() throws Exception
    {
        final BinaryClient client = BinaryClient.connect(server.port());
        final byte[] payload = "are you there".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        client.webSocket.sendPing(ByteBuffer.wrap(payload)).join();
        assertArrayEquals(payload, take(client.pongs, "pong"));
    }

    @Test
    void shouldPingThePeerAndHearItsPong() throws Exception
    {
        final BinaryClient client = BinaryClient.connect(server.port());
        final EchoServer.Peer peer = server.nextPeer();
        final long heardBefore = peer.call(peer.connection::lastHeardNs);

        assertEquals(WebSocketConnection.SENT, (int)peer.call(peer.connection::sendPing));

        assertEquals(0, take(client.pings, "ping").length);
        Conditions.await("the pong heard", () -> peerCall(peer, peer.connection::lastHeardNs) > heardBefore);
    }

    @Test
    void shouldAnswerThePeersCloseWithItsCodeAndEnd() throws Exception
    {
        final BinaryClient client = BinaryClient.connect(server.port());
        final EchoServer.Peer peer = server.nextPeer();

        client.webSocket.sendClose(4001, "done").join();

        assertEquals("4001 ", client.closeReceived());
        Conditions.await("the connection ended", () -> peer.closed.get() == 1);
        assertEquals(4001, (int)peer.call(peer.connection::closeCode));
    }

    @Test
    void shouldCloseWithItsCodeAndEndOnceThePeerAnswers() throws Exception
    {
        final BinaryClient client = BinaryClient.connect(server.port());
        final EchoServer.Peer peer = server.nextPeer();

        peer.call(() ->
        {
            peer.connection.close(4000, "bye");
            return null;
        });

        assertEquals("4000 bye", client.closeReceived());
        Conditions.await("the connection ended", () -> peer.closed.get() == 1);
        assertEquals(4000, (int)peer.call(peer.connection::closeCode));
        assertEquals(WebSocketConnection.CLOSED, (int)peer.call(() -> peer.connection.offer(ByteBuffer.allocate(2))));
    }

    @Test
    void shouldLetTheOwnerRefuseTextWith1003() throws Exception
    {
        final BinaryClient client = BinaryClient.connect(server.port());
        client.webSocket.sendText("hello", true).join();
        assertEquals("1003 text frames are not part of the protocol", client.closeReceived());
    }

    @Test
    void shouldCloseWith1009WhenAMessageIsTooLarge() throws Exception
    {
        final BinaryClient client = BinaryClient.connect(server.port());
        final EchoServer.Peer peer = server.nextPeer();

        client.webSocket.sendBinary(ByteBuffer.allocate(EchoServer.MAX_MESSAGE_BYTES + 1), true);

        final String close = client.closeReceived();
        assertTrue(close.startsWith("1009 message of 2097153 bytes"), close);
        Conditions.await("the connection ended", () -> peer.closed.get() == 1);
        assertEquals(1, peer.violations.size());
        assertTrue(peer.violations.get(0).startsWith("1009 "), peer.violations.toString());
        assertEquals(1009, (int)peer.call(peer.connection::closeCode));
    }

    @Test
    void shouldRefuseDataWhileBytesAreOwedAndDeliverEveryByteInOrderOnceThePeerReads() throws Exception
    {
        try (RawPeer client = new RawPeer(server.port(), 4096))
        {
            assertEquals(101, client.request(upgradeRequest(server.port())).status());
            final EchoServer.Peer peer = server.nextPeer();
            final int payloadBytes = 64 * 1024;

            final int[] sentAndOwed = peer.call(() -> fillUntilBackPressured(peer.connection, payloadBytes));
            final int framesSent = sentAndOwed[0];
            assertTrue(sentAndOwed[1] > 0, "owed bytes when back-pressured: " + sentAndOwed[1]);
            assertTrue(peer.call(() -> peer.buffers.pool().chunksInUse()) > 0);
            assertEquals(WebSocketConnection.SENT, (int)peer.call(() -> peer.connection.offerControl(pingFrame())));
            assertEquals(0, peer.drained.get());

            for (int i = 0; i < framesSent; i++)
            {
                final byte[] payload = client.readFramePayload(FrameHeaders.OPCODE_BINARY);
                assertArrayEquals(expectedPayload(i, payloadBytes), payload, "frame " + i);
            }
            assertEquals(0, client.readFramePayload(FrameHeaders.OPCODE_PING).length);

            Conditions.await("drained", () -> peer.drained.get() == 1);
            assertEquals(0, (long)peer.call(peer.connection::owedBytes));
            assertEquals(0, (int)peer.call(() -> peer.buffers.pool().chunksInUse()));
            assertEquals(WebSocketConnection.SENT, (int)peer.call(() -> peer.connection.offer(frame(framesSent, payloadBytes, ByteBuffer.allocate(payloadBytes + 10)))));
            assertArrayEquals(expectedPayload(framesSent, payloadBytes), client.readFramePayload(FrameHeaders.OPCODE_BINARY));
        }
    }

    @Test
    void shouldAbortWhenThePoolCannotHoldWhatTheSocketDidNotTake() throws Exception
    {
        try (EchoServer smallPool = new EchoServer(CLOSE_TIMEOUT_NS, 2);
            RawPeer client = new RawPeer(smallPool.port(), 4096))
        {
            assertEquals(101, client.request(upgradeRequest(smallPool.port())).status());
            final EchoServer.Peer peer = smallPool.nextPeer();
            final int payloadBytes = 16 * 1024 * 1024;

            final int result = peer.call(() -> peer.connection.offer(frame(0, payloadBytes, ByteBuffer.allocate(payloadBytes + 10))));

            assertEquals(WebSocketConnection.CLOSED, result);
            assertEquals(1, peer.closed.get());
            assertEquals(CloseCodes.ABNORMAL, (int)peer.call(peer.connection::closeCode));
            assertEquals(0, (int)peer.call(() -> peer.buffers.pool().chunksInUse()));
        }
    }

    private static int[] fillUntilBackPressured(final WebSocketConnection connection, final int payloadBytes)
    {
        // one buffer for every frame, rewritten after each offer: the connection must have copied what it kept
        final ByteBuffer frame = ByteBuffer.allocate(payloadBytes + FrameHeaders.headerLength(payloadBytes));
        for (int i = 0; i < 1024; i++)
        {
            final int result = connection.offer(frame(i, payloadBytes, frame));
            if (result == WebSocketConnection.BACK_PRESSURED)
            {
                return new int[] {i, (int)connection.owedBytes()};
            }
            assertEquals(WebSocketConnection.SENT, result);
        }
        throw new AssertionError("never back-pressured after 1024 frames of " + payloadBytes + " bytes");
    }

    static ByteBuffer frame(final int index, final int payloadBytes, final ByteBuffer frame)
    {
        frame.clear();
        final int headerLength = FrameHeaders.writeHeader(frame, 0, FrameHeaders.OPCODE_BINARY, payloadBytes);
        frame.position(headerLength).put(expectedPayload(index, payloadBytes));
        return frame.flip();
    }

    static byte[] expectedPayload(final int index, final int payloadBytes)
    {
        final byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte)index);
        ByteBuffer.wrap(payload).putInt(index);
        return payload;
    }

    static ByteBuffer pingFrame()
    {
        final ByteBuffer frame = ByteBuffer.allocate(2);
        FrameHeaders.putPing(frame);
        return frame.flip();
    }

    static String upgradeRequest(final int port)
    {
        return "GET /ws HTTP/1.1\r\n" +
            "Host: 127.0.0.1:" + port + "\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
            "Sec-WebSocket-Version: 13";
    }

    private static <T> T peerCall(final EchoServer.Peer peer, final java.util.concurrent.Callable<T> task)
    {
        try
        {
            return peer.call(task);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }
}
