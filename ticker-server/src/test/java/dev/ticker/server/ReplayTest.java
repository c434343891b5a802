package dev.ticker.server;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.Bar;
import dev.ticker.proto.v1.BarInterval;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.InstrumentSnapshot;
import dev.ticker.proto.v1.ReplayAction;
import dev.ticker.proto.v1.ReplayControl;
import dev.ticker.proto.v1.ReplayStart;
import dev.ticker.proto.v1.ReplayState;
import dev.ticker.proto.v1.ReplayStatus;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Snapshot;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay over the WebSocket, on a real server over a real journal, with the real client. Pacing is
 * checked against a replay clock the test moves by hand: the server cannot release a record before
 * the test has moved the clock to its time, so what arrives between two moves is exactly what the
 * clock allowed.
 */
@Timeout(180)
class ReplayTest
{
    /** Recorded spacing of the ticks in the paced journal. */
    private static final long SPACING_NS = 10_000_000;
    private static final long BASE_NS = JournalFixture.BASE_TIME_NS;
    private static final ZoneId ZONE = ZoneId.of("America/New_York");

    @TempDir
    Path dir;

    private final AtomicLong wallNs = new AtomicLong(1_000_000_000L);
    private JournalFixture fixture;
    private TickerServer server;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
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
    void shouldReplayExactlyTheJournalsTicksOfAWindowInOrderAsFastAsPossible()
    {
        appendPaced(20_000);
        startServer(16);
        try (WebSocketTestClient client = connect())
        {
            client.send(start(1, ReplayStart.newBuilder().setFromSequence(2_001).setToSequence(15_000).setAll(true).setSpeed(0)
                .addBarIntervals(BarInterval.BAR_INTERVAL_1M)));
            final ReplayStatus status = client.next().getReplayStatus();
            assertEquals(ReplayState.REPLAY_STATE_PLAYING, status.getState());
            assertEquals(1, status.getRequestId());
            assertEquals(2_001, status.getSegmentFirstSequence());
            assertEquals(15_000, status.getToSequence());
            assertEquals(timeOf(2_001), status.getFromTimeNs());
            assertEquals(timeOf(15_000), status.getToTimeNs());

            final Snapshot snapshot = client.next().getSnapshot();
            assertTrue(snapshot.getReplay());
            assertEquals(2_000, snapshot.getAsOfSequence());
            assertEquals(3, snapshot.getInstrumentsCount());
            for (final InstrumentSnapshot instrument : snapshot.getInstrumentsList())
            {
                // rebuilt as of the position, not as of the live head
                final int id = instrument.getInstrument().getId();
                assertEquals(lastBefore(2_001, id, TickDescriptor.TYPE_TRADE), instrument.getLastTrade().getSequence());
                assertEquals(lastBefore(2_001, id, TickDescriptor.TYPE_QUOTE), instrument.getBestQuote().getSequence());
                assertTrue(instrument.getDay().getTradeCount() > 0);
                final List<Bar> before = new ArrayList<>(JournalTruth.bars(fixture.journal, id, BarInterval.BAR_INTERVAL_1M, ZONE, 2_000).values());
                assertEquals(List.of(before.get(before.size() - 1)), instrument.getCurrentBarsList());
            }

            final Received received = new Received(2_000);
            received.until(client, message -> message.hasReplayStatus());
            final ServerMessage ended = received.last;
            assertEquals(ReplayState.REPLAY_STATE_ENDED, ended.getReplayStatus().getState());
            assertEquals(15_000, ended.getReplayStatus().getPositionSequence());
            assertEquals(15_000, received.covered);
            final List<dev.ticker.proto.v1.Tick> expected = JournalTruth.ticks(fixture.journal, 2_001, 15_000, id -> true);
            assertEquals(expected.size(), received.ticks.size());
            assertEquals(expected.hashCode(), received.ticks.hashCode());
            assertEquals(expected, received.ticks);

            // bars rebuilt from the replayed trades: the last state of every bar the window changed
            for (int id = 0; id < 3; id++)
            {
                final Map<Long, Bar> sent = new LinkedHashMap<>();
                for (final DataBatch batch : received.batches)
                {
                    for (final Bar bar : batch.getBarsList())
                    {
                        if (bar.getInstrumentId() == id)
                        {
                            sent.put(bar.getStartTimeNs(), bar);
                        }
                    }
                }
                final List<Bar> truth = JournalTruth.bars(fixture.journal, id, BarInterval.BAR_INTERVAL_1M, ZONE, 15_000).values().stream()
                    .filter(bar -> bar.getLastSequence() >= 2_001).toList();
                assertEquals(truth, new ArrayList<>(sent.values()));
            }
        }
    }

    @Test
    void shouldReplayOnlyTheNamedSymbols()
    {
        appendPaced(6_000);
        startServer(16);
        try (WebSocketTestClient client = connect())
        {
            client.send(start(7, ReplayStart.newBuilder().setFromSequence(1).setToSequence(5_000).addSymbols("BBB").setSpeed(0)));
            assertEquals(1, client.next().getReplayStatus().getSegmentFirstSequence());
            final Snapshot snapshot = client.next().getSnapshot();
            assertEquals(1, snapshot.getInstrumentsCount());
            assertEquals("BBB", snapshot.getInstruments(0).getInstrument().getSymbol());

            final Received received = new Received(0);
            received.until(client, message -> message.hasReplayStatus());
            assertEquals(ReplayState.REPLAY_STATE_ENDED, received.last.getReplayStatus().getState());
            assertEquals(JournalTruth.ticks(fixture.journal, 1, 5_000, id -> id == 1), received.ticks);
        }
    }

    @Test
    void shouldPaceAtTenAndAHundredTimesRecordedTimeAgainstTheReplayClock()
    {
        appendPaced(3_000);
        startServer(16);
        try (WebSocketTestClient client = connect())
        {
            client.send(start(1, ReplayStart.newBuilder().setFromTimeNs(BASE_NS + SPACING_NS).setAll(true).setSpeed(10)));
            assertEquals(10, client.next().getReplayStatus().getSpeed());
            assertTrue(client.next().getSnapshot().getReplay());
            final Received received = new Received(0);
            final long anchorWallNs = wallNs.get();
            long recordedNs = BASE_NS + SPACING_NS;

            // at 10x: 5 ms of wall time is 50 ms of recorded time, 5 ticks
            for (int step = 1; step <= 40; step++)
            {
                wallNs.addAndGet(5_000_000);
                recordedNs = BASE_NS + SPACING_NS + (wallNs.get() - anchorWallNs) * 10;
                awaitPaced(client, received, recordedNs);
            }
            // at 100x from here: 1 ms of wall time is 100 ms of recorded time, 10 ticks
            client.send(control(2, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_SET_SPEED).setSpeed(100)));
            final long speedWallNs = wallNs.get();
            final long speedRecordedNs = recordedNs;
            received.until(client, message -> message.hasReplayStatus());
            assertEquals(100, received.last.getReplayStatus().getSpeed());
            assertEquals(speedRecordedNs, received.last.getReplayStatus().getPositionTimeNs());
            for (int step = 1; step <= 40; step++)
            {
                wallNs.addAndGet(1_000_000);
                recordedNs = speedRecordedNs + (wallNs.get() - speedWallNs) * 100;
                awaitPaced(client, received, recordedNs);
            }
            assertEquals(sequenceAt(recordedNs), received.lastTickSequence);
        }
    }

    @Test
    void shouldPauseStepResumeChangeSpeedAndSeekWithContiguousRangesOnEachSide()
    {
        appendPaced(3_000);
        startServer(16);
        try (WebSocketTestClient client = connect())
        {
            client.send(start(1, ReplayStart.newBuilder().setFromSequence(101).setToSequence(2_000).setAll(true).setSpeed(1)));
            assertEquals(101, client.next().getReplayStatus().getSegmentFirstSequence());
            assertEquals(100, client.next().getSnapshot().getAsOfSequence());
            final Received received = new Received(100);
            // the first record is due at once
            received.untilCovered(client, 101);

            client.send(control(2, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_PAUSE)));
            received.until(client, message -> message.hasReplayStatus());
            assertEquals(ReplayState.REPLAY_STATE_PAUSED, received.last.getReplayStatus().getState());
            final long paused = received.covered;

            // a paused replay releases nothing however much time passes; a step releases exactly one record
            wallNs.addAndGet(60_000_000_000L);
            client.send(control(3, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_STEP)));
            received.untilCovered(client, paused + 1);
            assertEquals(paused + 1, received.lastTickSequence);
            client.send(control(4, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_STEP)));
            received.untilCovered(client, paused + 2);
            assertEquals(paused + 2, received.lastTickSequence);

            // resumed at 1x: 100 ms of wall time releases the next 10 records, and no more
            client.send(control(5, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_RESUME)));
            received.until(client, message -> message.hasReplayStatus() && message.getReplayStatus().getRequestId() == 5);
            assertEquals(ReplayState.REPLAY_STATE_PLAYING, received.last.getReplayStatus().getState());
            wallNs.addAndGet(100_000_000);
            received.untilCovered(client, paused + 12);
            client.send(control(6, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_PAUSE)));
            received.until(client, message -> message.hasReplayStatus() && message.getReplayStatus().getRequestId() == 6);
            assertEquals(paused + 12, received.covered);
            assertEquals(paused + 12, received.last.getReplayStatus().getPositionSequence());

            // seek back by sequence: a new segment, a snapshot as of it, contiguous from it
            client.send(control(7, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_SEEK).setSeekSequence(1_001)));
            received.until(client, message -> message.hasReplayStatus() && message.getReplayStatus().getRequestId() == 7);
            final ReplayStatus seek = received.last.getReplayStatus();
            assertEquals(ReplayState.REPLAY_STATE_PAUSED, seek.getState());
            assertEquals(1_001, seek.getSegmentFirstSequence());
            assertEquals(1_000, seek.getPositionSequence());
            final Snapshot snapshot = client.next().getSnapshot();
            assertTrue(snapshot.getReplay());
            assertEquals(1_000, snapshot.getAsOfSequence());
            received.newSegment(1_000);

            // as fast as possible from there to the end
            client.send(control(8, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_SET_SPEED).setSpeed(0)));
            client.send(control(9, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_RESUME)));
            received.until(client, message -> message.hasReplayStatus() &&
                message.getReplayStatus().getState() == ReplayState.REPLAY_STATE_ENDED);
            assertEquals(2_000, received.covered);
            assertEquals(JournalTruth.ticks(fixture.journal, 1_001, 2_000, id -> true), received.segmentTicks);

            // seek by time after the end: a new segment again
            client.send(control(10, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_SEEK).setSeekTimeNs(timeOf(1_500))));
            received.until(client, message -> message.hasReplayStatus() && message.getReplayStatus().getRequestId() == 10);
            assertEquals(1_500, received.last.getReplayStatus().getSegmentFirstSequence());
            assertEquals(1_499, client.next().getSnapshot().getAsOfSequence());
            received.newSegment(1_499);
            received.until(client, message -> message.hasReplayStatus() &&
                message.getReplayStatus().getState() == ReplayState.REPLAY_STATE_ENDED);
            assertEquals(JournalTruth.ticks(fixture.journal, 1_500, 2_000, id -> true), received.segmentTicks);
        }
    }

    @Test
    void shouldGoBackToLiveWithNoGapWhileTheWriterAppends()
    {
        appendPaced(2_000);
        startServer(16);
        try (WebSocketTestClient client = connect(); WebSocketTestClient watcher = connect())
        {
            // another connection on live data all along, untouched by the replay
            watcher.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build());
            final long watching = watcher.next().getSubscribed().getEffectiveSequence();
            assertTrue(watcher.next().hasSnapshot());
            client.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).addSymbols("AAA")).build());
            final long effective = client.next().getSubscribed().getEffectiveSequence();
            assertTrue(client.next().hasSnapshot());
            final Received live = new Received(effective - 1);
            appendPaced(500);
            live.untilCovered(client, 2_500);

            client.send(start(2, ReplayStart.newBuilder().setFromSequence(1).setToSequence(1_500).setAll(true).setSpeed(0)));
            // the writer goes on while the connection replays
            appendPaced(700);
            live.until(client, message -> message.hasReplayStatus());
            final long liveCovered = live.covered;
            assertEquals(ReplayState.REPLAY_STATE_PLAYING, live.last.getReplayStatus().getState());
            assertTrue(client.next().getSnapshot().getReplay());
            final Received replay = new Received(0);
            replay.until(client, message -> message.hasReplayStatus());
            assertEquals(ReplayState.REPLAY_STATE_ENDED, replay.last.getReplayStatus().getState());
            assertEquals(JournalTruth.ticks(fixture.journal, 1, 1_500, id -> true), replay.ticks);
            assertTrue(replay.batches.stream().allMatch(DataBatch::getReplay));
            appendPaced(300);

            // a change of the live subscription while replaying is applied on going back to live
            client.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(4).addSymbols("CCC")).build());
            client.send(control(3, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_BACK_TO_LIVE)));
            final ServerMessage back = client.nextMatching(message -> message.hasReplayStatus());
            assertEquals(ReplayState.REPLAY_STATE_LIVE, back.getReplayStatus().getState());
            assertEquals(liveCovered, back.getReplayStatus().getPositionSequence());
            appendPaced(400);
            final long head = fixture.appender.lastSequence();
            live.until(client, message -> message.hasSubscribed());
            final long added = live.last.getSubscribed().getEffectiveSequence();
            assertEquals(List.of("AAA", "CCC"), live.last.getSubscribed().getSymbolsList());
            live.untilCovered(client, head);
            assertTrue(live.batches.stream().noneMatch(DataBatch::getReplay));
            final List<dev.ticker.proto.v1.Tick> expected = new ArrayList<>(JournalTruth.ticks(fixture.journal, effective, added - 1, id -> id == 0));
            expected.addAll(JournalTruth.ticks(fixture.journal, added, head, id -> id == 0 || id == 2));
            assertEquals(expected, live.ticks);

            final Received watched = new Received(watching - 1);
            watched.untilCovered(watcher, head);
            assertEquals(JournalTruth.ticks(fixture.journal, watching, head, id -> true), watched.ticks);
        }
    }

    @Test
    void shouldRefuseBadReplaysWithPreciseErrorsAndKeepTheConnectionOpen()
    {
        appendPaced(1_000);
        startServer(1);
        try (WebSocketTestClient client = connect(); WebSocketTestClient other = connect())
        {
            client.send(control(1, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_PAUSE)));
            assertError(client, ErrorCode.ERROR_CODE_INVALID_REPLAY, "no replay is running on this connection");

            client.send(start(2, ReplayStart.newBuilder().setFromSequence(500).setToSequence(400).setAll(true)));
            assertError(client, ErrorCode.ERROR_CODE_INVALID_REPLAY, "to_sequence = 400 is before the start, sequence 500");
            client.send(start(3, ReplayStart.newBuilder().setFromSequence(5_000).setAll(true)));
            assertError(client, ErrorCode.ERROR_CODE_INVALID_REPLAY, "from_sequence = 5000 is outside the journal: the journal holds sequences 1 to 1000");
            client.send(start(4, ReplayStart.newBuilder().setFromTimeNs(BASE_NS - 1).setAll(true)));
            assertError(client, ErrorCode.ERROR_CODE_INVALID_REPLAY, "from_time_ns = " + (BASE_NS - 1));
            client.send(start(5, ReplayStart.newBuilder().setFromTimeNs(timeOf(600)).setToTimeNs(timeOf(500)).setAll(true)));
            assertError(client, ErrorCode.ERROR_CODE_INVALID_REPLAY, "is not after the start");
            client.send(start(6, ReplayStart.newBuilder().setFromSequence(1).addSymbols("AAA").addSymbols("ZZZ")));
            assertError(client, ErrorCode.ERROR_CODE_UNKNOWN_SYMBOL, "unknown symbol ZZZ in replay request 6");
            client.send(start(7, ReplayStart.newBuilder().setFromSequence(1).setAll(true).setSpeed(200_000)));
            assertError(client, ErrorCode.ERROR_CODE_INVALID_REPLAY, "speed = 200000.0 is out of range: 0.01 to 100000.0");
            client.send(start(8, ReplayStart.newBuilder().setAll(true)));
            assertError(client, ErrorCode.ERROR_CODE_INVALID_REPLAY, "names no start");

            // one replay is the limit: the second connection is refused and stays on live data
            client.send(start(9, ReplayStart.newBuilder().setFromSequence(1).setAll(true).setSpeed(1)));
            assertEquals(9, client.next().getReplayStatus().getRequestId());
            other.send(start(1, ReplayStart.newBuilder().setFromSequence(1).setAll(true)));
            assertError(other, ErrorCode.ERROR_CODE_TOO_MANY_REPLAYS, "the server runs 1 replays, its limit (maxReplays = 1)");
            client.send(control(10, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_SEEK).setSeekSequence(9_999)));
            assertError(client, ErrorCode.ERROR_CODE_INVALID_REPLAY, "seek_sequence = 9999 is outside the replay");
            client.send(control(11, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_SET_SPEED).setSpeed(-1)));
            assertError(client, ErrorCode.ERROR_CODE_INVALID_REPLAY, "speed = -1.0 is out of range");

            other.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(2).addSymbols("AAA")).build());
            assertEquals(2, other.next().getSubscribed().getRequestId());
            assertFalse(other.isClosed());

            // once the first replay is back to live, the slot is free
            client.send(control(12, ReplayControl.newBuilder().setAction(ReplayAction.REPLAY_ACTION_BACK_TO_LIVE)));
            client.nextMatching(message -> message.hasReplayStatus() && message.getReplayStatus().getState() == ReplayState.REPLAY_STATE_LIVE);
            Conditions.await("the replay has stopped", () -> server.counters().replays() == 0);
            other.send(start(3, ReplayStart.newBuilder().setFromSequence(1).setAll(true).setSpeed(0)));
            assertEquals(3, other.nextMatching(ServerMessage::hasReplayStatus).getReplayStatus().getRequestId());
            assertFalse(client.isClosed());
        }
    }

    // ------------------------------------------------------------------------------------------

    /** Waits until every record due by {@code recordedNs} has arrived, and checks that none after it has. */
    private void awaitPaced(final WebSocketTestClient client, final Received received, final long recordedNs)
    {
        final long due = sequenceAt(recordedNs);
        received.untilCovered(client, due);
        assertEquals(due, received.lastTickSequence, "records released for recorded time " + recordedNs);
        for (final DataBatch batch : received.batches)
        {
            assertTrue(batch.getReplay());
            assertTrue(batch.getReplayTimeNs() <= recordedNs, "a frame stamped after the clock");
            for (final dev.ticker.proto.v1.Tick tick : batch.getTicksList())
            {
                assertTrue(eventTimeOf(tick) <= batch.getReplayTimeNs(), "a record released before its time");
            }
        }
    }

    /** The last sequence whose event time is at or before {@code recordedNs} in the paced journal. */
    private static long sequenceAt(final long recordedNs)
    {
        return (recordedNs - BASE_NS) / SPACING_NS;
    }

    private static long timeOf(final long sequence)
    {
        return BASE_NS + sequence * SPACING_NS;
    }

    /** Appends ticks as the fixture does, but {@link #SPACING_NS} apart in recorded time. */
    private void appendPaced(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long next = fixture.appender.lastSequence() + 1;
            final int instrument = (int)(next % JournalFixture.SYMBOLS.size());
            if (next % 2 == 0)
            {
                fixture.appender.appendTrade(timeOf(next), instrument, 10_000 + next, 1 + next % 7, TickDescriptor.SIDE_BUY);
            }
            else
            {
                fixture.appender.appendQuote(timeOf(next), instrument, 9_999 + next, 5, 10_001 + next, 6);
            }
        }
    }

    private long lastBefore(final long sequence, final int instrumentId, final byte type)
    {
        long last = 0;
        try (TickTailer tailer = fixture.journal.tailer())
        {
            final Tick tick = new Tick();
            tailer.toStart();
            while (tailer.readNext(tick) && tick.sequence < sequence)
            {
                if (tick.instrumentId == instrumentId && tick.type == type)
                {
                    last = tick.sequence;
                }
            }
        }
        return last;
    }

    private static long eventTimeOf(final dev.ticker.proto.v1.Tick tick)
    {
        return tick.hasTrade() ? tick.getTrade().getEventTimeNs() : tick.hasQuote() ? tick.getQuote().getEventTimeNs() :
            tick.getStatus().getEventTimeNs();
    }

    private static void assertError(final WebSocketTestClient client, final ErrorCode code, final String text)
    {
        // replay frames and statuses of a running replay may come first
        final ServerMessage message = client.nextMatching(ServerMessage::hasError);
        assertEquals(code, message.getError().getCode(), message.getError().getMessage());
        assertTrue(message.getError().getMessage().contains(text), message.getError().getMessage());
        assertFalse(client.isClosed());
    }

    @Test
    void shouldAnswerEveryReplayRequestEvenWhenALaterOneReplacesIt()
    {
        appendPaced(20_000);
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(20).maxReplays(4)
            .maxControlMessagesPerSecond(10_000).controlMessageBurst(1_000).replayClock(wallNs::get), fixture.journal);
        final int requests = 200;
        try (WebSocketTestClient client = connect())
        {
            for (int id = 1; id <= requests; id++)
            {
                // each replaces the one before, most of them before it has been positioned
                client.send(start(id, ReplayStart.newBuilder().setFromSequence(1 + id * 50L).setAll(true).setSpeed(0)));
            }
            final java.util.BitSet answered = new java.util.BitSet();
            while (answered.cardinality() < requests)
            {
                final ServerMessage message = client.next();
                if (message.hasReplayStatus() && message.getReplayStatus().getRequestId() > 0)
                {
                    answered.set(message.getReplayStatus().getRequestId());
                }
                else if (message.hasError())
                {
                    assertEquals(ErrorCode.ERROR_CODE_INVALID_REPLAY, message.getError().getCode(), message.getError().getMessage());
                    assertTrue(message.getError().getMessage().contains("was replaced by request"), message.getError().getMessage());
                    answered.set(message.getError().getRequestId());
                }
            }
            assertEquals(requests, answered.cardinality(), "each request has its status or its error");
            assertEquals(1, answered.nextSetBit(0));
            assertEquals(requests, answered.length() - 1);
        }
    }

    @Test
    void shouldBoundTheRequestsThatWaitWhileAConnectionReplaysAndAnswerTheRestAtOnce()
    {
        appendPaced(2_000);
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(20).maxReplays(4)
            .maxDeferredRequests(8).maxDeferredBytes(4 * 1024).replayClock(wallNs::get), fixture.journal);
        try (WebSocketTestClient client = connect())
        {
            // the replay clock does not move: the replay holds the connection for as long as the test needs
            client.send(start(1, ReplayStart.newBuilder().setFromSequence(100).setAll(true).setSpeed(1)));
            new Received(0).until(client, ServerMessage::hasReplayStatus);
            final Subscribe.Builder large = Subscribe.newBuilder().setRequestId(5);
            for (int i = 0; i < 600; i++)
            {
                large.addSymbols("SYMBOL" + i);
            }
            client.send(ClientMessage.newBuilder().setSubscribe(large).build());
            for (int id = 10; id < 30; id++)
            {
                client.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(id).addSymbols("AAA")).build());
            }
            final List<Integer> refused = new ArrayList<>();
            while (refused.size() < 13)
            {
                final ServerMessage message = client.next();
                if (message.hasError())
                {
                    assertEquals(ErrorCode.ERROR_CODE_RATE_LIMITED, message.getError().getCode(), message.getError().getMessage());
                    refused.add(message.getError().getRequestId());
                }
            }
            final List<Integer> expected = new ArrayList<>(List.of(5));
            for (int id = 18; id < 30; id++)
            {
                expected.add(id);
            }
            assertEquals(expected, refused, "the one over maxDeferredBytes, then every one past the eight that wait");
            assertEquals(13, server.counters().deferredRefused());

            client.send(ClientMessage.newBuilder().setReplayControl(ReplayControl.newBuilder().setRequestId(99)
                .setAction(ReplayAction.REPLAY_ACTION_BACK_TO_LIVE)).build());
            final List<Integer> acked = new ArrayList<>();
            while (acked.size() < 8)
            {
                final ServerMessage message = client.next();
                assertFalse(message.hasError(), () -> message.getError().getMessage());
                if (message.hasSubscribed())
                {
                    acked.add(message.getSubscribed().getRequestId());
                }
            }
            assertEquals(List.of(10, 11, 12, 13, 14, 15, 16, 17), acked, "the eight that waited are applied on going back to live");
        }
    }

    private void startServer(final int maxReplays)
    {
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(20).maxReplays(maxReplays)
            .replayClock(wallNs::get), fixture.journal);
    }

    private WebSocketTestClient connect()
    {
        return WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    }

    private static ClientMessage start(final int requestId, final ReplayStart.Builder request)
    {
        return ClientMessage.newBuilder().setReplayStart(request.setRequestId(requestId)).build();
    }

    private static ClientMessage control(final int requestId, final ReplayControl.Builder request)
    {
        return ClientMessage.newBuilder().setReplayControl(request.setRequestId(requestId)).build();
    }

    /**
     * What a client holds of one stream of frames: the sequence it has covered (checking that every
     * data frame starts right after it), the ticks, the batches.
     */
    private static final class Received
    {
        long covered;
        long lastTickSequence;
        ServerMessage last;
        final List<dev.ticker.proto.v1.Tick> ticks = new ArrayList<>();
        final List<dev.ticker.proto.v1.Tick> segmentTicks = new ArrayList<>();
        final List<DataBatch> batches = new ArrayList<>();

        Received(final long covered)
        {
            this.covered = covered;
        }

        /** A seek: the next frame starts right after {@code covered}. */
        void newSegment(final long covered)
        {
            this.covered = covered;
            segmentTicks.clear();
        }

        void untilCovered(final WebSocketTestClient client, final long sequence)
        {
            while (covered < sequence)
            {
                take(client.nextAny());
            }
        }

        void until(final WebSocketTestClient client, final java.util.function.Predicate<ServerMessage> predicate)
        {
            while (true)
            {
                final ServerMessage message = client.nextAny();
                take(message);
                if (predicate.test(message))
                {
                    return;
                }
            }
        }

        private void take(final ServerMessage message)
        {
            last = message;
            if (message.hasHeartbeat())
            {
                covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
            }
            else if (message.hasData())
            {
                final DataBatch batch = message.getData();
                assertEquals(covered + 1, batch.getFirstSequence(), "a data frame that does not start right after the covered sequence");
                covered = batch.getLastSequence();
                batches.add(batch);
                ticks.addAll(batch.getTicksList());
                segmentTicks.addAll(batch.getTicksList());
                if (batch.getTicksCount() > 0)
                {
                    lastTickSequence = JournalTruth.sequenceOf(batch.getTicks(batch.getTicksCount() - 1));
                }
            }
            else if (message.hasError())
            {
                throw new AssertionError("unexpected error: " + message.getError());
            }
        }
    }
}
