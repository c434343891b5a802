package dev.ticker.server;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.ErrorCode;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Clients that read slowly, or asked for fewer updates, next to a client that takes everything. */
@Timeout(120)
class SlowClientTest
{
    private static final int ROUND = 2_000;

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        fixture.append(100);
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(50).flushIntervalMs(5)
            .readBatchLimit(1_024).maxSessionBufferBytes(1024 * 1024).conflateAboveBytes(256 * 1024), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldConflateASlowClientThenCloseItWithAResumeSequenceWhileAFastClientGetsEverything()
    {
        try (WebSocketTestClient fast = connect(); SmallBufferWebSocketClient slow = SmallBufferWebSocketClient.connect(server.port(), 4 * 1024))
        {
            final ClientMessage everything = ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build();
            slow.send(everything);
            final long slowEffective = slow.nextSkippingHeartbeats().getSubscribed().getEffectiveSequence();
            assertTrue(slow.nextSkippingHeartbeats().hasSnapshot());
            fast.send(everything);
            final long effective = fast.next().getSubscribed().getEffectiveSequence();
            assertTrue(fast.next().hasSnapshot());
            final Stream fastStream = new Stream(effective - 1);

            // The slow client reads nothing: its frame stays in flight and it falls behind.
            appendWhileFastKeepsUp(fast, fastStream, () -> server.counters().conflatingSessions() > 0);
            final long rounds = fixture.appender.lastSequence() + ROUND;
            appendWhileFastKeepsUp(fast, fastStream, () -> fixture.appender.lastSequence() >= rounds);
            assertEquals(0, server.counters().slowConsumerCloses(), "behind, but not yet owed more than the hard limit");

            // It reads again: a frame says how many ticks were merged away, and holds the latest of each.
            final Stream slowStream = new Stream(slowEffective - 1);
            DataBatch conflated = null;
            while (slowStream.covered < fixture.appender.lastSequence())
            {
                final ServerMessage message = slow.next();
                assertNotNull(message, "still open");
                final DataBatch batch = slowStream.onMessage(message);
                if (null != batch && batch.getConflated() > 0)
                {
                    conflated = batch;
                    assertLatestValuesOf(batch);
                }
            }
            assertNotNull(conflated, "a conflated frame");
            assertTrue(server.counters().conflatedTicks() >= conflated.getConflated());

            // It stops again, for good: closed with the sequence to resume from, the fast client unharmed.
            appendWhileFastKeepsUp(fast, fastStream, () -> server.counters().slowConsumerCloses() > 0);
            ServerMessage message = slow.next();
            while (null != message && !message.hasError())
            {
                slowStream.onMessage(message);
                message = slow.next();
            }
            assertNotNull(message, "an error before the close");
            assertEquals(ErrorCode.ERROR_CODE_SLOW_CONSUMER, message.getError().getCode());
            assertEquals(slowStream.covered + 1, message.getError().getResumeSequence(), "resume right after what it received");
            assertEquals(null, slow.next());
            assertEquals(1008, slow.closeCode());

            assertFalse(fast.isClosed());
            assertEquals(JournalTruth.ticks(fixture.journal, effective, fastStream.covered, id -> true), fastStream.ticks,
                "the fast client got every tick");
        }
    }

    @Test
    void shouldSendAtMostTheAskedUpdatesPerSecondEachTheLatestValue()
    {
        try (WebSocketTestClient client = connect())
        {
            final long startNs = System.nanoTime();
            client.send(ClientMessage.newBuilder()
                .setSubscribe(Subscribe.newBuilder().setRequestId(1).addSymbols("AAA").setMaxUpdatesPerSecond(4)).build());
            final long effective = client.next().getSubscribed().getEffectiveSequence();
            assertTrue(client.next().hasSnapshot());

            final Stream stream = new Stream(effective - 1);
            final List<Tick> journal;
            int framesWithTicks = 0;
            long conflated = 0;
            while (System.nanoTime() - startNs < 1_500_000_000L)
            {
                fixture.append(300);
                final long head = fixture.appender.lastSequence();
                while (stream.covered < head)
                {
                    final DataBatch batch = stream.onMessage(client.nextAny());
                    framesWithTicks += null != batch && batch.getTicksCount() > 0 ? 1 : 0;
                    conflated += null == batch ? 0 : batch.getConflated();
                }
            }
            // The writer stops: the last trade and quote come within one interval.
            journal = JournalTruth.ticks(fixture.journal, effective, fixture.appender.lastSequence(), Set.of(0));
            final Tick lastTrade = journal.stream().filter(Tick::hasTrade).reduce((a, b) -> b).orElseThrow();
            final Tick lastQuote = journal.stream().filter(Tick::hasQuote).reduce((a, b) -> b).orElseThrow();
            while (!stream.ticks.contains(lastTrade) || !stream.ticks.contains(lastQuote))
            {
                final DataBatch batch = stream.onMessage(client.nextAny());
                framesWithTicks += null != batch && batch.getTicksCount() > 0 ? 1 : 0;
                conflated += null == batch ? 0 : batch.getConflated();
            }
            final double elapsedSeconds = (System.nanoTime() - startNs) / 1e9;

            assertTrue(framesWithTicks <= 4 * elapsedSeconds + 2,
                framesWithTicks + " updates in " + elapsedSeconds + " s is more than 4 per second");
            assertEquals(journal.size(), stream.ticks.size() + conflated, "every tick either sent or counted as merged");
            assertTrue(journal.containsAll(stream.ticks), "only ticks of the journal");
            assertTrue(conflated > journal.size() / 2, "most ticks were merged");
        }
    }

    /** Each trade and quote in a conflated frame is its instrument's latest of that kind in the frame's range. */
    private void assertLatestValuesOf(final DataBatch batch)
    {
        final Map<String, Tick> latest = new HashMap<>();
        final List<Tick> journal = JournalTruth.ticks(fixture.journal, batch.getFirstSequence(), batch.getLastSequence(), id -> true);
        for (final Tick tick : journal)
        {
            latest.put(kind(tick), tick);
        }
        final Map<String, Tick> lastSent = new HashMap<>();
        for (final Tick tick : batch.getTicksList())
        {
            assertTrue(journal.contains(tick), "a tick of the journal in the frame's range");
            lastSent.put(kind(tick), tick);
        }
        for (final Map.Entry<String, Tick> sent : lastSent.entrySet())
        {
            assertEquals(latest.get(sent.getKey()), sent.getValue(), "the latest " + sent.getKey());
        }
        assertEquals(journal.size(), batch.getTicksCount() + batch.getConflated(), "sent + merged = the journal's ticks in the range");
    }

    private static String kind(final Tick tick)
    {
        return (tick.hasTrade() ? "trade of " : tick.hasQuote() ? "quote of " : "status of ") + JournalTruth.instrumentOf(tick);
    }

    private void appendWhileFastKeepsUp(final WebSocketTestClient fast, final Stream stream, final BooleanSupplier until)
    {
        final long deadline = System.nanoTime() + WebSocketTestClient.TIMEOUT.toNanos();
        while (!until.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("the condition did not come within " + WebSocketTestClient.TIMEOUT);
            }
            fixture.append(ROUND);
            while (stream.covered < fixture.appender.lastSequence())
            {
                stream.onMessage(fast.nextAny());
            }
        }
    }

    private WebSocketTestClient connect()
    {
        return WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    }

    /** What a client has covered and received, checking that frames follow each other without a gap. */
    private static final class Stream
    {
        long covered;
        final List<Tick> ticks = new ArrayList<>();

        Stream(final long covered)
        {
            this.covered = covered;
        }

        DataBatch onMessage(final ServerMessage message)
        {
            if (message.hasHeartbeat())
            {
                covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
                return null;
            }
            if (!message.hasData())
            {
                return null;
            }
            final DataBatch batch = message.getData();
            assertEquals(covered + 1, batch.getFirstSequence(), "no gap between frames");
            ticks.addAll(batch.getTicksList());
            covered = batch.getLastSequence();
            return batch;
        }
    }
}
