package dev.ticker.server.stream;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.proto.v1.Unsubscribe;
import dev.ticker.server.JournalFixture;
import dev.ticker.server.bars.BarStore;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.metrics.ServerCounters;
import dev.ticker.server.session.Session;
import dev.ticker.server.session.SessionCommand;
import dev.ticker.server.ws.FrameHeaders;
import dev.ticker.server.ws.Outbound;
import dev.ticker.server.ws.WebSocketConnection;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One fan-out thread's duty cycle driven by hand over a real journal, with a manual clock and
 * sockets that record what they are given: encode once, shared frames, conflation behind a socket
 * that owes bytes, the budget, and replies that do not wait for the flush window.
 */
@Timeout(60)
class FanOutAgentTest
{
    private static final long FLUSH_NS = TimeUnit.MILLISECONDS.toNanos(10);

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private final ManyToOneConcurrentArrayQueue<SessionCommand> commands = new ManyToOneConcurrentArrayQueue<>(1024);
    private final ServerCounters counters = new ServerCounters();
    private long nowNs = TimeUnit.SECONDS.toNanos(1);
    private StreamAgent agent;
    private int sessionIds;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        fixture.append(30);
        final ServerConfiguration configuration = new ServerConfiguration()
            .flushIntervalMs(10).heartbeatIntervalMs(60_000).readBatchLimit(1_024)
            .maxSessionBufferBytes(256 * 1024).conflateAboveBytes(8 * 1024);
        agent = new StreamAgent(0, new AtomicInteger(), configuration, fixture.journal, commands, counters.part(0),
            new BarStore(16), () -> nowNs, () -> nowNs);
        agent.onStart();
        while (agent.doWork() > 0)
        {
            // the warm-up
        }
    }

    @AfterEach
    void stop()
    {
        agent.onClose();
        fixture.close();
    }

    @Test
    void shouldEncodeEachTickOnceWhateverTheNumberOfSessions()
    {
        final RecordingOutbound aaa = open(subscribe("AAA"));
        final RecordingOutbound bbb = open(subscribe("BBB"));
        final RecordingOutbound both = open(subscribe("AAA", "BBB"));
        final long before = counters.ticksEncoded();
        fixture.append(300);
        cycle();
        assertEquals(200, counters.ticksEncoded() - before, "AAA and BBB ticks, once each; none of CCC, which nobody wants");
        assertEquals(100, aaa.ticks(), "AAA's");
        assertEquals(100, bbb.ticks(), "BBB's");
        assertEquals(200, both.ticks());
    }

    @Test
    void shouldBuildOneFrameForEverySessionSubscribedToEverything()
    {
        final List<RecordingOutbound> all = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            all.add(open(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build()));
        }
        cycle(); // level with one another: from now on they share the frame
        final long built = counters.framesBuilt();
        final long out = counters.framesOut();
        fixture.append(50);
        cycle();
        assertEquals(1, counters.framesBuilt() - built, "built once");
        assertEquals(3, counters.framesOut() - out, "sent three times");
        final byte[] first = all.get(0).lastDataFrame();
        for (final RecordingOutbound outbound : all)
        {
            assertArrayEquals(first, outbound.lastDataFrame(), "the same bytes to each socket");
        }
        final DataBatch batch = RecordingOutbound.decode(first).getData();
        assertEquals(50, batch.getTicksCount());
        assertEquals(fixture.appender.lastSequence(), batch.getLastSequence());
    }

    @Test
    void shouldConflateASessionWhoseSocketOwesBytesAndKeepItsCoverageWhole()
    {
        final RecordingOutbound slow = open(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build());
        final RecordingOutbound fast = open(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build());
        cycle();
        slow.owed = 1; // its socket takes nothing more for now
        for (int round = 0; round < 5; round++)
        {
            fixture.append(1_000);
            cycle();
        }
        assertTrue(counters.conflatingSessions() > 0, "the slow one is behind");
        assertEquals(fixture.appender.lastSequence(), fast.covered(), "the fast one got every frame");
        slow.owed = 0;
        cycle();
        final DataBatch catchUp = RecordingOutbound.decode(slow.lastDataFrame()).getData();
        assertTrue(catchUp.getConflated() > 0, "merged ticks are counted");
        assertEquals(fixture.appender.lastSequence(), slow.covered(), "one frame covers what it missed, with no gap");
        assertEquals(catchUp.getLastSequence() - catchUp.getFirstSequence() + 1, catchUp.getTicksCount() + catchUp.getConflated(),
            "every record of the range is in the frame or counted as merged");
        assertTrue(catchUp.getTicksCount() < 5_000 / 2, "most were merged away");
    }

    @Test
    void shouldConflateOnceForEverySessionSubscribedToEverythingThatFallsBehindAndKeepEachOnesCoverage()
    {
        final List<RecordingOutbound> all = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            all.add(open(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build()));
        }
        cycle(); // sharing one frame
        for (final RecordingOutbound client : all)
        {
            client.owed = 1; // no socket takes anything more for now
        }
        for (int round = 0; round < 5; round++)
        {
            fixture.append(1_000);
            cycle();
        }
        for (final RecordingOutbound client : all)
        {
            assertTrue(null != client.session.conflatedWith, "behind, it takes the values kept once for all");
        }
        assertEquals(3, counters.conflatingSessions());

        // the first drains: one frame up to the head, then it keeps up tick by tick while the others stay behind
        final RecordingOutbound first = all.get(0);
        first.owed = 0;
        cycle();
        assertCatchUpFrame(first);
        assertTrue(null == first.session.conflatedWith, "back to tick by tick");
        fixture.append(500);
        cycle();
        assertEquals(fixture.appender.lastSequence(), first.covered());
        assertEquals(0, RecordingOutbound.decode(first.lastDataFrame()).getData().getConflated(), "nothing merged once it keeps up");

        // the others drain later: each frame starts where its coverage ended, with the values since then
        for (final RecordingOutbound client : all.subList(1, 3))
        {
            assertTrue(client.covered() < fixture.appender.lastSequence() - 5_000);
            client.owed = 0;
            cycle();
            assertCatchUpFrame(client);
        }
        assertEquals(0, counters.slowConsumerCloses());
    }

    @Test
    void shouldCloseASessionBehindInTheSharedConflationOnceWhatItWouldHaveBeenOfferedPassesItsBudget()
    {
        final RecordingOutbound keeping = open(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build());
        final RecordingOutbound stalled = open(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build());
        cycle();
        stalled.owed = 1;
        for (int round = 0; round < 40 && counters.slowConsumerCloses() == 0; round++)
        {
            fixture.append(1_000); // 256 KiB of budget is some 10,000 ticks
            cycle();
        }
        assertEquals(1, counters.slowConsumerCloses(), "a session that never drains is closed as it was when it conflated alone");
        assertEquals(ErrorCode.ERROR_CODE_SLOW_CONSUMER, stalled.lastControl().getError().getCode());
        assertEquals(fixture.appender.lastSequence(), keeping.covered(), "the other one is served throughout");
    }

    private void assertCatchUpFrame(final RecordingOutbound client)
    {
        assertEquals(fixture.appender.lastSequence(), client.covered(), "one frame covers what it missed, with no gap");
        final DataBatch frame = RecordingOutbound.decode(client.lastDataFrame()).getData();
        assertEquals(frame.getLastSequence() - frame.getFirstSequence() + 1, frame.getTicksCount() + frame.getConflated(),
            "every record of the range is in the frame or counted as merged");
        assertTrue(frame.getTicksCount() < 1_000, "most were merged away: " + frame.getTicksCount());
        assertEquals(frame.getTicksCount(), new java.util.HashSet<>(frame.getTicksList()).size(), "no tick twice");
    }

    @Test
    void shouldSendAFrameEarlyRatherThanLetAConnectionThatKeepsUpWaitPastConflateAboveBytes()
    {
        final RecordingOutbound fast = open(subscribe("AAA", "BBB", "CCC"));
        final RecordingOutbound shared = open(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build());
        cycle();
        final int framesBefore = fast.dataFrames();
        fixture.append(6_000); // far more than 8 KiB of ticks inside one flush window
        nowNs += FLUSH_NS / 2;
        for (int i = 0; i < 100 && agent.doWork() > 0; i++)
        {
            nowNs += 1; // still inside the window: only a full batch may go
        }
        assertTrue(fast.dataFrames() - framesBefore > 1, "frames went before the window ended");
        cycle();
        for (final RecordingOutbound client : List.of(fast, shared))
        {
            assertEquals(fixture.appender.lastSequence(), client.covered(), "every record covered");
            for (final byte[] frame : client.dataFrames)
            {
                assertTrue(frame.length <= 8 * 1024 + 256, "a frame of at most conflateAboveBytes and one tick, was " + frame.length);
                assertEquals(0, RecordingOutbound.decode(frame).getData().getConflated(), "nothing merged for a connection that keeps up");
            }
        }
        assertEquals(fast.covered() - fast.messages.stream().filter(ServerMessage::hasData)
            .mapToLong(m -> m.getData().getFirstSequence()).min().orElseThrow() + 1, fast.ticks(), "every tick, none merged");
    }

    @Test
    void shouldKeepWhatWaitsForAConnectionThatOwesBytesWithinConflateAboveBytes()
    {
        final RecordingOutbound stalled = open(subscribe("AAA", "BBB", "CCC"));
        stalled.owed = 1;
        for (int round = 0; round < 10; round++)
        {
            fixture.append(400); // 4,000 ticks in all: below its budget, far above conflateAboveBytes
            cycle();
            assertTrue(stalled.session.batchLength() <= 8 * 1024 + 256,
                "what waits stays within conflateAboveBytes and one tick, was " + stalled.session.batchLength());
        }
        assertEquals(0, counters.slowConsumerCloses(), "behind, not over its budget");
        stalled.owed = 0;
        cycle();
        assertEquals(fixture.appender.lastSequence(), stalled.covered(), "coverage whole once its socket drains");
    }

    @Test
    void shouldCloseASessionWhoseBytesOwedPassTheBudget()
    {
        final RecordingOutbound stalled = open(subscribe("AAA"));
        stalled.owed = 300 * 1024; // over maxSessionBufferBytes: control messages and data count alike
        fixture.append(3);
        cycle();
        assertEquals(1, counters.slowConsumerCloses());
        assertEquals(ErrorCode.ERROR_CODE_SLOW_CONSUMER, stalled.lastControl().getError().getCode());
        assertEquals(1008, stalled.closeCode);
    }

    @Test
    void shouldAnswerARequestAtOnceWhileDataWaitsForTheFlushWindow()
    {
        final RecordingOutbound client = open(subscribe("AAA"));
        fixture.append(30);
        nowNs += FLUSH_NS / 2; // inside the window: the ticks wait
        agent.doWork();
        final int dataFrames = client.dataFrames();
        commands.offer(new SessionCommand.Received(client.session, ClientMessage.newBuilder()
            .setUnsubscribe(Unsubscribe.newBuilder().setRequestId(9).addSymbols("CCC")).build()));
        agent.doWork();
        assertEquals(9, client.lastControl().getSubscribed().getRequestId(), "answered in the same cycle");
        assertEquals(dataFrames, client.dataFrames(), "the data still waits for its window");
        cycle();
        assertEquals(dataFrames + 1, client.dataFrames());
    }

    private RecordingOutbound open(final ClientMessage subscription)
    {
        final Session session = new Session(++sessionIds, "test-" + sessionIds, 256 * 1024);
        final RecordingOutbound outbound = new RecordingOutbound(session);
        session.connection = outbound;
        commands.offer(new SessionCommand.Opened(session));
        commands.offer(new SessionCommand.Received(session, subscription));
        cycle();
        outbound.covered = outbound.messages.stream().filter(ServerMessage::hasSubscribed)
            .mapToLong(m -> m.getSubscribed().getEffectiveSequence() - 1).findFirst().orElseThrow();
        return outbound;
    }

    /** One flush window later: every duty cycle that has work. */
    private void cycle()
    {
        nowNs += FLUSH_NS;
        for (int i = 0; i < 100 && agent.doWork() > 0; i++)
        {
            nowNs += 1;
        }
    }

    private static ClientMessage subscribe(final String... symbols)
    {
        return ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).addAllSymbols(Arrays.asList(symbols))).build();
    }

    /** A socket that takes every frame unless told it owes bytes, and keeps what it took. */
    private static final class RecordingOutbound implements Outbound
    {
        final Session session;
        final List<ServerMessage> messages = new ArrayList<>();
        final List<byte[]> dataFrames = new ArrayList<>();
        long owed;
        long covered;
        int closeCode;

        RecordingOutbound(final Session session)
        {
            this.session = session;
        }

        @Override
        public int offer(final ByteBuffer frame)
        {
            if (owed > 0)
            {
                return WebSocketConnection.BACK_PRESSURED;
            }
            take(frame, true);
            return WebSocketConnection.SENT;
        }

        @Override
        public int offerControl(final ByteBuffer frame)
        {
            take(frame, false);
            return WebSocketConnection.SENT;
        }

        @Override
        public long owedBytes()
        {
            return owed;
        }

        @Override
        public void close(final int code, final String reason)
        {
            closeCode = code;
        }

        @Override
        public void abort()
        {
        }

        private void take(final ByteBuffer frame, final boolean data)
        {
            final byte[] bytes = new byte[frame.remaining()];
            frame.duplicate().get(bytes);
            final ServerMessage message = decode(bytes);
            messages.add(message);
            if (message.hasData())
            {
                assertEquals(covered + 1, message.getData().getFirstSequence(), "frames follow each other");
                covered = message.getData().getLastSequence();
                if (data)
                {
                    dataFrames.add(bytes);
                }
            }
        }

        static ServerMessage decode(final byte[] frame)
        {
            assertEquals(FrameHeaders.FIN_BIT | FrameHeaders.OPCODE_BINARY, frame[0] & 0xFF, "one final binary frame");
            final int length7 = frame[1] & FrameHeaders.LENGTH7_MASK;
            final int header = length7 <= FrameHeaders.MAX_LENGTH7 ? FrameHeaders.SHORT_HEADER_LENGTH :
                length7 == FrameHeaders.LENGTH7_16BIT ? FrameHeaders.MEDIUM_HEADER_LENGTH : FrameHeaders.LONG_HEADER_LENGTH;
            try
            {
                return ServerMessage.parseFrom(ByteBuffer.wrap(frame, header, frame.length - header));
            }
            catch (final com.google.protobuf.InvalidProtocolBufferException ex)
            {
                throw new AssertionError("not a ServerMessage frame", ex);
            }
        }

        long covered()
        {
            return covered;
        }

        int ticks()
        {
            return messages.stream().filter(ServerMessage::hasData).mapToInt(m -> m.getData().getTicksCount()).sum();
        }

        int dataFrames()
        {
            return (int)messages.stream().filter(ServerMessage::hasData).count();
        }

        byte[] lastDataFrame()
        {
            return dataFrames.get(dataFrames.size() - 1);
        }

        ServerMessage lastControl()
        {
            for (int i = messages.size() - 1; i >= 0; i--)
            {
                if (!messages.get(i).hasData() && !messages.get(i).hasHeartbeat())
                {
                    return messages.get(i);
                }
            }
            throw new AssertionError("no control message");
        }
    }
}
