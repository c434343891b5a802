package dev.ticker.server;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Unsubscribe;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connections that subscribe to nothing are closed after the idle timeout; subscribed ones stay. */
@Timeout(60)
class IdleTimeoutTest
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
        // long enough that a loaded machine delivers the subscribe of a connection opened at once
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(20).idleTimeoutMs(1_500), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldCloseAConnectionThatNeverSubscribesAndOneThatUnsubscribedButKeepASubscribedOne()
    {
        try (WebSocketTestClient subscribed = connect(); WebSocketTestClient never = connect(); WebSocketTestClient quitter = connect())
        {
            subscribed.send(TickerServerTest.subscribe(1, "AAA"));
            assertTrue(subscribed.next().hasSubscribed());
            quitter.send(TickerServerTest.subscribe(1, "BBB"));
            assertTrue(quitter.next().hasSubscribed());
            quitter.send(ClientMessage.newBuilder().setUnsubscribe(Unsubscribe.newBuilder().setRequestId(2).setAll(true)).build());
            assertEquals(2, quitter.nextMatching(ServerMessage::hasSubscribed).getSubscribed().getRequestId());

            for (final WebSocketTestClient idle : new WebSocketTestClient[] {never, quitter})
            {
                final ServerMessage error = idle.nextMatching(ServerMessage::hasError);
                assertEquals(ErrorCode.ERROR_CODE_IDLE_TIMEOUT, error.getError().getCode());
                assertTrue(error.getError().getMessage().contains("1500 ms"), error.getError().getMessage());
                assertEquals(1000, idle.awaitCloseCode());
            }
            assertEquals(2, server.counters().idleCloses());
            fixture.append(3);
            assertTrue(subscribed.nextMatching(ServerMessage::hasData).getData().getTicksCount() > 0);
            assertFalse(subscribed.isClosed(), "a subscribed connection is never idle");
        }
    }

    @Test
    void shouldRefuseAnIdleTimeoutOutOfRange()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new ServerConfiguration().idleTimeoutMs(5).validate());
        assertEquals("idleTimeoutMs=5: must be from 100 to 86400000", ex.getMessage());
    }

    private WebSocketTestClient connect()
    {
        return WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    }
}
