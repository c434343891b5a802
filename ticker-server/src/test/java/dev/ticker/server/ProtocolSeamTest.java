package dev.ticker.server;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.proto.v1.Tick;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seams between snapshots and the stream, as a client written from docs/protocol.md relies on
 * them: the first frame after a Subscribe's snapshot starts right after it, and a resumed
 * subscription never gets a tick its snapshot already held, also from a restarted server.
 */
@Timeout(120)
class ProtocolSeamTest
{
    private static final int AAA = 0;
    private static final int BBB = 1;

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        fixture.append(300);
        server = TickerServer.start(new ServerConfiguration().port(0).flushIntervalMs(50).heartbeatIntervalMs(60_000), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldStartTheFirstBatchAfterASubscribesSnapshotRightAfterIt()
    {
        try (WebSocketTestClient client = connect())
        {
            client.send(subscribe(1, "AAA"));
            long covered = client.next().getSubscribed().getEffectiveSequence() - 1;
            assertTrue(client.next().hasSnapshot());
            for (int round = 0; round < 20; round++)
            {
                // ticks of the old subscription are still waiting for their frame when the next Subscribe comes
                fixture.append(30);
                client.send(subscribe(2 + round, round % 2 == 0 ? "BBB" : "CCC"));
                ServerMessage message = client.nextAny();
                while (message.hasData() || message.hasHeartbeat())
                {
                    if (message.hasData())
                    {
                        assertEquals(covered + 1, message.getData().getFirstSequence(), "frames before the ack follow each other");
                        covered = message.getData().getLastSequence();
                    }
                    else
                    {
                        covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
                    }
                    message = client.nextAny();
                }
                assertTrue(message.hasSubscribed(), message.toString());
                final long effective = message.getSubscribed().getEffectiveSequence();
                final ServerMessage snapshot = client.next();
                assertTrue(snapshot.hasSnapshot(), snapshot.toString());
                final long asOf = snapshot.getSnapshot().getAsOfSequence();
                assertEquals(effective, asOf + 1);
                assertEquals(asOf, covered, "a frame or a heartbeat up to the snapshot's sequence came before the ack");
                fixture.append(10);
                final DataBatch batch = client.nextMatching(ServerMessage::hasData).getData();
                assertEquals(asOf + 1, batch.getFirstSequence(), "the first batch after the snapshot starts right after it");
                covered = batch.getLastSequence();
            }
        }
    }

    @Test
    void shouldContinueTheCoverageOfHeartbeatsBeforeTheFirstSubscribeWithoutAGap()
    {
        server.close();
        server = TickerServer.start(new ServerConfiguration().port(0).flushIntervalMs(50).heartbeatIntervalMs(20), fixture.journal);
        try (WebSocketTestClient client = connect())
        {
            // coverage starts at the connection's first heartbeat, before any subscription
            long covered = client.nextMatching(ServerMessage::hasHeartbeat).getHeartbeat().getScannedSequence();
            fixture.append(100);
            Conditions.await("the server has read the new ticks",
                () -> server.counters().scannedSequence() == fixture.appender.lastSequence());
            client.send(subscribe(1, "AAA"));
            ServerMessage message = client.nextAny();
            while (!message.hasSubscribed())
            {
                assertTrue(message.hasHeartbeat(), "nothing but heartbeats before the first ack: " + message);
                covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
                message = client.nextAny();
            }
            final long effective = message.getSubscribed().getEffectiveSequence();
            assertEquals(effective - 1, covered, "the heartbeats reached the snapshot's sequence before the ack");
            fixture.append(10);
            final DataBatch batch = client.nextMatching(ServerMessage::hasData).getData();
            assertEquals(effective, batch.getFirstSequence(), "the first batch continues the coverage");
        }
    }

    @Test
    void shouldNotResendTicksThatASubscriptionsSnapshotHeldAfterAResume()
    {
        assertNoTickOlderThanItsSnapshotAfterResume(false);
    }

    @Test
    void shouldNotResendTicksThatASubscriptionsSnapshotHeldAfterAResumeToARestartedServer()
    {
        assertNoTickOlderThanItsSnapshotAfterResume(true);
    }

    private void assertNoTickOlderThanItsSnapshotAfterResume(final boolean restart)
    {
        final long lastSequence;
        final long aaaEffective;
        final long bbbEffective;
        try (WebSocketTestClient client = connect())
        {
            client.send(subscribe(1, "AAA"));
            aaaEffective = client.next().getSubscribed().getEffectiveSequence();
            assertTrue(client.next().hasSnapshot());
            lastSequence = aaaEffective - 1;
            fixture.append(200);
            Conditions.await("the server has read the new ticks",
                () -> server.counters().scannedSequence() == fixture.appender.lastSequence());
            // the client adds BBB before it has taken any frame: its coverage is still at lastSequence
            client.send(subscribe(2, "BBB"));
            final ServerMessage ack = client.nextMatching(ServerMessage::hasSubscribed);
            bbbEffective = ack.getSubscribed().getEffectiveSequence();
            final ServerMessage snapshot = client.next();
            assertTrue(snapshot.hasSnapshot(), snapshot.toString());
            assertTrue(snapshot.getSnapshot().getInstruments(0).hasLastTrade(), "BBB's snapshot holds a trade");
            assertTrue(bbbEffective > lastSequence + 100, "BBB was subscribed well after the coverage the client resumes from");
            client.abort();
        }
        if (restart)
        {
            server.close();
            server = TickerServer.start(new ServerConfiguration().port(0).flushIntervalMs(50), fixture.journal);
        }
        fixture.append(200);
        final long head = fixture.appender.lastSequence();
        try (WebSocketTestClient client = connect())
        {
            client.send(ClientMessage.newBuilder().setResume(Resume.newBuilder().setRequestId(3).setLastSequence(lastSequence)
                .addSubscriptions(Subscribe.newBuilder().addSymbols("AAA").setEffectiveSequence(aaaEffective))
                .addSubscriptions(Subscribe.newBuilder().addSymbols("BBB").setEffectiveSequence(bbbEffective))).build());
            assertEquals(lastSequence + 1, client.next().getSubscribed().getEffectiveSequence());
            long covered = lastSequence;
            int aaa = 0;
            int bbb = 0;
            while (covered < head)
            {
                final DataBatch batch = client.nextMatching(ServerMessage::hasData).getData();
                assertEquals(covered + 1, batch.getFirstSequence());
                covered = batch.getLastSequence();
                for (final Tick tick : batch.getTicksList())
                {
                    final long sequence = sequence(tick);
                    if (instrument(tick) == BBB)
                    {
                        assertTrue(sequence >= bbbEffective, "BBB tick " + sequence + " is older than BBB's snapshot (" + bbbEffective + ")");
                        bbb++;
                    }
                    else
                    {
                        assertEquals(AAA, instrument(tick));
                        assertTrue(sequence > lastSequence);
                        aaa++;
                    }
                }
            }
            // AAA from the resume point, BBB only after its snapshot
            assertEquals(countOf(AAA, lastSequence + 1, head), aaa, "every AAA tick after the resume point");
            assertEquals(countOf(BBB, bbbEffective, head), bbb, "every BBB tick after its snapshot");
        }
    }

    private static long countOf(final int instrument, final long from, final long to)
    {
        long count = 0;
        for (long sequence = from; sequence <= to; sequence++)
        {
            count += sequence % JournalFixture.SYMBOLS.size() == instrument ? 1 : 0;
        }
        return count;
    }

    private static long sequence(final Tick tick)
    {
        return tick.hasTrade() ? tick.getTrade().getSequence() : tick.hasQuote() ? tick.getQuote().getSequence() : tick.getStatus().getSequence();
    }

    private static int instrument(final Tick tick)
    {
        return tick.hasTrade() ? tick.getTrade().getInstrumentId() : tick.hasQuote() ? tick.getQuote().getInstrumentId() :
            tick.getStatus().getInstrumentId();
    }

    private static ClientMessage subscribe(final int requestId, final String symbol)
    {
        return ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(requestId).addSymbols(symbol)).build();
    }

    private WebSocketTestClient connect()
    {
        return WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    }
}
