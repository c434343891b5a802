package dev.ticker.server;

import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.ticker.server.TickerServerTest.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dead peers: the server pings every connection and closes one from which nothing arrives within
 * the timeout, and the stream agent drops its session; a peer that answers stays. Short intervals
 * here; the defaults are seconds.
 */
@Timeout(60)
class PingTest
{
    private static final int PING_INTERVAL_MS = 100;
    private static final int PING_TIMEOUT_MS = 1_500;
    /** More pings than fit in one timeout: the answering peer has outlived it. */
    private static final int PINGS_TO_ANSWER = 2 * PING_TIMEOUT_MS / PING_INTERVAL_MS;

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        server = TickerServer.start(new ServerConfiguration().port(0)
            .pingIntervalMs(PING_INTERVAL_MS).pingTimeoutMs(PING_TIMEOUT_MS), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldCloseAPeerThatAnswersNoPingAndKeepOneThatDoes() throws IOException
    {
        try (RawWebSocketClient silent = RawWebSocketClient.connect(server.port(), null);
            RawWebSocketClient answering = RawWebSocketClient.connect(server.port(), null))
        {
            assertEquals(101, silent.handshakeStatus);
            Conditions.await("both sessions with the stream agent", () -> server.counters().sessions() == 2);

            int answered = 0;
            while (answered < PINGS_TO_ANSWER || server.connectionCounters().pingTimeouts() == 0)
            {
                final RawWebSocketClient.Frame frame = answering.readFrame();
                if (frame.opcode() == RawWebSocketClient.OP_PING)
                {
                    answering.sendFrame(true, RawWebSocketClient.OP_PONG, frame.payload());
                    answered++;
                }
            }

            Conditions.await("the dead peer's connection and session are gone",
                () -> server.connections() == 1 && server.counters().sessions() == 1);
            assertEquals(1, server.connectionCounters().pingTimeouts());
            final MetricsScrape metrics = MetricsScrape.scrape(server.adminPort());
            assertEquals(1.0, metrics.value("ticker_ping_timeouts_total"));
            assertEquals(1.0, metrics.value("ticker_connections"));
            assertEquals(1.0, metrics.value("ticker_connections_closed_total{code=\"1001\"}"));

            final List<RawWebSocketClient.Frame> toSilent = new ArrayList<>();
            assertThrows(EOFException.class, () ->
            {
                while (true)
                {
                    toSilent.add(silent.readFrame());
                }
            }, "the server closed the dead peer's TCP connection");
            assertTrue(toSilent.stream().anyMatch(frame -> frame.opcode() == RawWebSocketClient.OP_PING), "it was pinged");
            final RawWebSocketClient.Frame close = toSilent.get(toSilent.size() - 1);
            assertEquals(RawWebSocketClient.OP_CLOSE, close.opcode(), "a close frame last");
            assertEquals(1001, close.closeCode());

            answering.sendFrame(true, RawWebSocketClient.OP_BINARY, subscribe(3, "AAA").toByteArray());
            assertEquals(3, LimitsTest.nextMessage(answering).getSubscribed().getRequestId(), "the answering peer is served");
        }
    }
}
