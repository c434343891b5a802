package dev.ticker.server.ws;

import java.util.concurrent.TimeUnit;

import dev.ticker.server.Conditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseDeadlineTest
{
    private final EchoServer server = new EchoServer(TimeUnit.MILLISECONDS.toNanos(300));

    @AfterEach
    void stopServer()
    {
        server.close();
    }

    @Test
    void shouldAbortAClientThatNeverReadsAtTheCloseDeadlineAndFreeItsBuffers() throws Exception
    {
        try (RawPeer client = new RawPeer(server.port(), 4096))
        {
            assertEquals(101, client.request(WebSocketConnectionTest.upgradeRequest(server.port())).status());
            final EchoServer.Peer peer = server.nextPeer();
            final java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(64 * 1024 + 10);
            final int result = peer.call(() ->
            {
                int offered = WebSocketConnection.SENT;
                for (int i = 0; i < 1024 && offered == WebSocketConnection.SENT; i++)
                {
                    offered = peer.connection.offer(WebSocketConnectionTest.frame(i, 64 * 1024, frame));
                }
                peer.connection.close(CloseCodes.NORMAL, "bye");
                return offered;
            });
            assertEquals(WebSocketConnection.BACK_PRESSURED, result);
            assertTrue(peer.call(() -> peer.buffers.pool().chunksInUse()) > 0);

            Conditions.await("the connection aborted", () -> peer.closed.get() == 1);

            assertEquals(CloseCodes.ABNORMAL, (int)peer.call(peer.connection::closeCode));
            assertEquals(0, (long)peer.call(peer.connection::owedBytes));
            assertEquals(0, (int)peer.call(() -> peer.buffers.pool().chunksInUse()));
            assertTrue(peer.call(peer.connection::isEnded));
        }
    }
}
