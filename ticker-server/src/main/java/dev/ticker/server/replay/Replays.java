package dev.ticker.server.replay;

import dev.ticker.journal.ReplayClock;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.ReplayAction;
import dev.ticker.proto.v1.ReplayControl;
import dev.ticker.proto.v1.ReplayStart;
import dev.ticker.proto.v1.ReplayState;
import dev.ticker.proto.v1.ReplayStatus;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Snapshot;
import dev.ticker.server.bars.BarStore;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.metrics.ServerCounters;
import dev.ticker.server.session.ControlMessages;
import dev.ticker.server.session.Session;
import dev.ticker.server.session.SubscriptionRequests;
import dev.ticker.server.stream.InstrumentBook;
import dev.ticker.server.stream.StreamAgent;
import dev.ticker.server.ws.WebSocketConnection;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays over the WebSocket: applies ReplayStart and ReplayControl once {@link ReplayRequests} has checked them, and, each duty
 * cycle of the stream agent, reads a bounded slice of the journal for the running replays —
 * rebuilding their state up to their position, then releasing the records their clocks make due
 * into replay frames. Runs on the stream agent thread, after the live read: the replays of a cycle
 * read at most {@link ServerConfiguration#replayBatchLimit()} records together, so what they add
 * to a cycle of the live stream is bounded, whatever their speed. Releasing a record allocates
 * nothing; requests, statuses and snapshots are rare and may.
 */
public final class Replays
{
    /** Bars kept per instrument and interval for a replay: the most a replay frame can report changed. */
    private static final int REPLAY_BAR_HISTORY = 1_024;

    private final StreamAgent agent;
    private final TickJournal journal;
    private final ControlMessages control;
    private final ServerCounters counters;
    private final NanoClock clock;
    private final int maxReplays;
    /** Replays running on every fan-out thread together, against {@code maxReplays}. */
    private final AtomicInteger replaySlots;
    private final int batchLimit;
    private final long flushIntervalNs;
    private final int softLimit;
    private final ArrayList<ReplaySession> running = new ArrayList<>();
    private final ReplayRequests checks;
    private int nextFirst;

    public Replays(
        final StreamAgent agent,
        final TickJournal journal,
        final ControlMessages control,
        final SubscriptionRequests requests,
        final ServerCounters counters,
        final ServerConfiguration configuration,
        final AtomicInteger replaySlots)
    {
        this.agent = agent;
        this.replaySlots = replaySlots;
        this.journal = journal;
        this.control = control;
        this.checks = new ReplayRequests(journal, requests);
        this.counters = counters;
        this.clock = configuration.replayClock();
        this.maxReplays = configuration.maxReplays();
        this.batchLimit = configuration.replayBatchLimit();
        this.flushIntervalNs = TimeUnit.MILLISECONDS.toNanos(configuration.flushIntervalMs());
        this.softLimit = configuration.conflateAboveBytes();
    }

    /** Replays running now. */
    int running()
    {
        return running.size();
    }

    // ------------------------------------------------------------------------------------------
    // Requests
    // ------------------------------------------------------------------------------------------

    public void onStart(final Session session, final ReplayStart request)
    {
        final int requestId = request.getRequestId();
        final String what = "replay request " + requestId;
        if (!session.isReplaying() && replaySlots.get() >= maxReplays)
        {
            control.sendError(session, ErrorCode.ERROR_CODE_TOO_MANY_REPLAYS, what + ": the server runs " + replaySlots.get() +
                " replays, its limit (maxReplays = " + maxReplays + "); the connection stays on live data", requestId);
            return;
        }
        final ReplayRequests.Checked checked = checks.checkStart(request, what, agent.catalog());
        if (checked instanceof ReplayRequests.Refusal refusal)
        {
            control.sendError(session, refusal.code(), refusal.text(), requestId);
            return;
        }
        final ReplayRequests.Plan plan = (ReplayRequests.Plan)checked;

        final long nowNs = clock.nanoTime();
        ReplaySession replay = session.replay();
        if (null == replay)
        {
            // the live stream stops here for this connection: what it has not sent yet, it reads again on going back
            replay = new ReplaySession(session, session.rangeStart - 1);
            session.discardPending();
            session.swapSubscription(replay.live);
            session.idleSinceNs = Session.NONE;
            session.startReplay(replay);
            running.add(replay);
            replaySlots.incrementAndGet();
            counters.replays(running.size());
        }
        else
        {
            // a new replay in place of the running one; the live subscription stays held aside
            session.discardPending();
            replay.closeReader();
            session.unsubscribeAll();
        }
        if (plan.all())
        {
            session.all = true;
            session.allBarMask = plan.barMask();
        }
        for (final Instrument instrument : plan.instruments())
        {
            session.subscribe(instrument.getId(), 0, plan.barMask());
        }
        replay.reader = journal.tailer();
        replay.toSequence = plan.toSequence();
        replay.toTimeNs = plan.toTimeNs();
        replay.clock = new ReplayClock(plan.fromTimeNs(), plan.speed(), nowNs);
        replay.steps = 0;
        rebuildAt(replay, plan.fromSequence(), plan.fromTimeNs(), requestId);
    }

    public void onControl(final Session session, final ReplayControl request)
    {
        final int requestId = request.getRequestId();
        final ReplayAction action = request.getAction();
        final String what = "replay control request " + requestId + " (" + action + ")";
        final ReplaySession replay = session.replay();
        if (null == replay)
        {
            control.sendError(session, ErrorCode.ERROR_CODE_INVALID_REPLAY, what + ": no replay is running on this connection", requestId);
            return;
        }
        final long nowNs = clock.nanoTime();
        switch (action)
        {
            case REPLAY_ACTION_PAUSE -> replay.clock.pause(nowNs);
            case REPLAY_ACTION_RESUME -> replay.clock.resume(nowNs);
            case REPLAY_ACTION_SET_SPEED ->
            {
                final String problem = ReplayRequests.speedProblem(request.getSpeed());
                if (null != problem)
                {
                    control.sendError(session, ErrorCode.ERROR_CODE_INVALID_REPLAY, what + ": " + problem + "; the speed stays " +
                        replay.clock.speed(), requestId);
                    return;
                }
                replay.clock.speed(request.getSpeed(), nowNs);
            }
            case REPLAY_ACTION_STEP ->
            {
                if (!replay.ended)
                {
                    replay.steps++;
                }
            }
            case REPLAY_ACTION_SEEK ->
            {
                onSeek(replay, request, what);
                return;
            }
            case REPLAY_ACTION_BACK_TO_LIVE ->
            {
                backToLive(replay, requestId);
                return;
            }
            default ->
            {
                control.sendError(session, ErrorCode.ERROR_CODE_INVALID_REPLAY, what + ": action " + request.getActionValue() +
                    " is not one of PAUSE, RESUME, SET_SPEED, SEEK, STEP, BACK_TO_LIVE", requestId);
                return;
            }
        }
        sendStatus(replay, requestId, nowNs);
    }

    private void onSeek(final ReplaySession replay, final ReplayControl request, final String what)
    {
        final int requestId = request.getRequestId();
        final ReplayRequests.Checked checked = checks.checkSeek(request, what, replay.toSequence, replay.toTimeNs);
        if (checked instanceof ReplayRequests.Refusal refusal)
        {
            control.sendError(replay.session, refusal.code(), refusal.text(), requestId);
            return;
        }
        final ReplayRequests.Target target = (ReplayRequests.Target)checked;
        replay.session.discardPending();
        replay.steps = 0;
        rebuildAt(replay, target.sequence(), target.timeNs(), requestId);
    }

    /** Ends the replay and puts the connection back on its live subscription, from where live left off. */
    private void backToLive(final ReplaySession replay, final int requestId)
    {
        final Session session = replay.session;
        final long nowNs = clock.nanoTime();
        final ReplayStatus.Builder status = status(replay, ReplayState.REPLAY_STATE_LIVE, requestId, nowNs)
            .setPositionSequence(replay.liveCovered);
        end(replay);
        control.send(session, ServerMessage.newBuilder().setReplayStatus(status).build());
        agent.resumeLive(session, replay.liveCovered);
    }

    /** Stops a replay: the connection gets its live subscription back (its thread then brings it level, {@link StreamAgent#resumeLive}). */
    private void end(final ReplaySession replay)
    {
        final Session session = replay.session;
        session.discardPending();
        session.swapSubscription(replay.live);
        if (session.all)
        {
            // instruments defined while the replay ran belong to a subscription to everything
            for (int id = 0; id < agent.catalog().size(); id++)
            {
                if (!session.wants(id))
                {
                    session.subscribe(id, session.allRate, session.allBarMask);
                }
            }
        }
        if (!session.hasSubscription())
        {
            // idle from now on, not from before the replay
            session.idleSinceNs = agent.nowNs();
        }
        replay.closeReader();
        session.endReplay();
        running.remove(replay);
        replaySlots.decrementAndGet();
        counters.replays(running.size());
    }

    /** The connection closed: its replay stops. */
    public void onClosed(final Session session)
    {
        final ReplaySession replay = session.replay();
        if (null != replay)
        {
            replay.closeReader();
            session.releaseReplay();
            running.remove(replay);
            replaySlots.decrementAndGet();
            counters.replays(running.size());
        }
    }

    public void closeAll()
    {
        for (final ReplaySession replay : running)
        {
            replay.closeReader();
        }
        replaySlots.addAndGet(-running.size());
        running.clear();
        checks.close();
    }

    // ------------------------------------------------------------------------------------------
    // The duty cycle
    // ------------------------------------------------------------------------------------------

    /** Reads and releases a bounded slice for the running replays, and hands each its next frame. */
    public int doWork()
    {
        final ArrayList<ReplaySession> running = this.running;
        final int count = running.size();
        if (count == 0)
        {
            return 0;
        }
        final long nowNs = clock.nanoTime();
        int budget = batchLimit;
        int work = 0;
        // a different replay goes first each cycle, so that a shared budget is shared fairly
        final int first = nextFirst % count;
        nextFirst = first + 1;
        for (int k = 0; k < count && k < running.size(); k++)
        {
            final ReplaySession replay = running.get((first + k) % running.size());
            final Session session = replay.session;
            if (session.isClosed())
            {
                continue;
            }
            if (replay.rebuilding)
            {
                final int read = rebuild(replay, budget);
                budget -= read;
                work += read;
                if (replay.rebuilding)
                {
                    continue;
                }
                onRebuilt(replay, nowNs);
            }
            if (!replay.ended && budget > 0)
            {
                final int read = release(replay, budget, nowNs);
                budget -= read;
                work += read;
            }
            // one frame per flush window, as live: a fast replay sends bigger frames, not more of them
            final long agentNowNs = agent.nowNs();
            if (!session.isSending() && agentNowNs - replay.nextFrameNs >= 0)
            {
                final int sent = sendFrame(replay, nowNs);
                if (sent > 0)
                {
                    replay.nextFrameNs = agentNowNs + flushIntervalNs;
                }
                work += sent;
            }
            if (replay.ended && !replay.endedReported && session.hasNothingWaiting())
            {
                // after the last frame, which is already on its way
                replay.endedReported = true;
                sendStatus(replay, replay.requestId, nowNs);
            }
        }
        return work;
    }

    private int rebuild(final ReplaySession replay, final int budget)
    {
        int read = 0;
        while (read < budget && peek(replay))
        {
            final Tick tick = replay.pending;
            if (tick.sequence >= replay.segmentFirst)
            {
                replay.rebuilding = false;
                break;
            }
            apply(replay, tick);
            replay.hasPending = false;
            read++;
        }
        return read;
    }

    /** The position is reached: the status and the snapshot as of it, then the data. */
    private void onRebuilt(final ReplaySession replay, final long nowNs)
    {
        final Session session = replay.session;
        replay.segmentFirstTimeNs = replay.pending.eventTimeNs;
        replay.released = replay.segmentFirst - 1;
        replay.ended = false;
        replay.endedReported = false;
        replay.clock.seek(replay.anchorRecordedNs, nowNs);
        session.rangeStart = replay.segmentFirst;
        sendStatus(replay, replay.requestId, nowNs);

        final Snapshot.Builder snapshot = Snapshot.newBuilder()
            .setAsOfSequence(replay.segmentFirst - 1)
            .setComplete(true)
            .setReplay(true);
        final List<Instrument> instruments = agent.catalog().instruments();
        for (final Instrument instrument : instruments)
        {
            final int id = instrument.getId();
            if (session.wants(id))
            {
                snapshot.addInstruments(replay.book.snapshot(instrument, session.barMask(id), replay.bars));
            }
        }
        control.send(session, ServerMessage.newBuilder().setSnapshot(snapshot).build());
    }

    /** Releases the records that are due (or stepped), as far as the budget and the client's room allow. */
    private int release(final ReplaySession replay, final int budget, final long nowNs)
    {
        final Session session = replay.session;
        final ReplayClock clock = replay.clock;
        int read = 0;
        long ticks = 0;
        while (read < budget && session.hasRoomToCatchUp(softLimit))
        {
            if (replay.released >= replay.toSequence)
            {
                replay.ended = true;
                replay.steps = 0;
                break;
            }
            if (!peek(replay))
            {
                break;
            }
            final Tick tick = replay.pending;
            final boolean stepping = replay.steps > 0;
            if (!stepping && !clock.isDue(tick.eventTimeNs, nowNs))
            {
                break;
            }
            replay.hasPending = false;
            read++;
            apply(replay, tick);
            replay.released = tick.sequence;
            clock.onReleased(tick.eventTimeNs);
            final int instrumentId = tick.instrumentId;
            if (session.wants(instrumentId))
            {
                session.offerCatchUp(tick);
                ticks++;
                if (tick.isTrade())
                {
                    session.onBarsChanged(instrumentId, replay.bars);
                }
                if (stepping)
                {
                    replay.steps--;
                    if (tick.eventTimeNs > clock.recordedNow(nowNs))
                    {
                        // the clock moves to the stepped record, so that the records after it keep their spacing
                        clock.seek(tick.eventTimeNs, nowNs);
                    }
                }
            }
        }
        counters.onReplayTicksOut(ticks);
        return read;
    }

    private int sendFrame(final ReplaySession replay, final long nowNs)
    {
        final Session session = replay.session;
        final int ready = session.prepareReplayFrame(replay.bars, agent.nowNs(), replay.clock.recordedNow(nowNs));
        if (ready <= 0)
        {
            // a replay frame always fits: releasing stops at the soft limit, far under the batch limit
            return 0;
        }
        final int ticks = session.batchTickCount();
        final int bytes = session.batchLength();
        final int barCount = session.batchBarCount();
        counters.onFrameBuilt();
        if (session.offerFrame(replay.released, false) != WebSocketConnection.SENT)
        {
            return 0;
        }
        counters.onFrameOut(ticks, bytes);
        counters.onBarsOut(barCount);
        return 1;
    }

    private boolean peek(final ReplaySession replay)
    {
        if (!replay.hasPending)
        {
            replay.hasPending = replay.reader.readNext(replay.pending);
        }
        return replay.hasPending;
    }

    private static void apply(final ReplaySession replay, final Tick tick)
    {
        replay.book.onTick(tick);
        if (tick.isTrade())
        {
            replay.bars.onTrade(tick);
        }
    }

    /**
     * Starts (again) from {@code sequence}: a fresh book and bars, rebuilt from the start of the
     * trading day(s) before it (as the server's warm-up does for live), then the status, snapshot
     * and data as of it.
     */
    private void rebuildAt(final ReplaySession replay, final long sequence, final long recordedNs, final int requestId)
    {
        replay.book = new InstrumentBook();
        replay.bars = new BarStore(REPLAY_BAR_HISTORY);
        replay.bars.onCatalog(agent.catalog());
        if (replay.rebuilding)
        {
            // the request this replay was being positioned for has had no status yet, and now never
            // will: every replay request is answered, this one with why it did not run
            control.sendError(replay.session, ErrorCode.ERROR_CODE_INVALID_REPLAY, "replay request " + replay.requestId +
                " was replaced by request " + requestId + " before it was positioned; only the later one runs", replay.requestId);
        }
        replay.segmentFirst = sequence;
        replay.anchorRecordedNs = recordedNs;
        replay.requestId = requestId;
        replay.rebuilding = true;
        replay.ended = false;
        replay.endedReported = false;
        replay.hasPending = false;
        final long rebuildFrom = Math.min(sequence, checks.sequenceAtOrAfter(agent.rebuildStartNs(checks.timeAt(sequence))));
        if (!replay.reader.moveToSequence(rebuildFrom))
        {
            throw new IllegalStateException("journal " + journal.directory() + " cannot be positioned at sequence " + rebuildFrom);
        }
    }

    private void sendStatus(final ReplaySession replay, final int requestId, final long nowNs)
    {
        final ReplayState state;
        if (replay.ended)
        {
            state = ReplayState.REPLAY_STATE_ENDED;
        }
        else if (replay.clock.isPaused())
        {
            state = ReplayState.REPLAY_STATE_PAUSED;
        }
        else
        {
            state = ReplayState.REPLAY_STATE_PLAYING;
        }
        control.send(replay.session, ServerMessage.newBuilder().setReplayStatus(status(replay, state, requestId, nowNs)).build());
    }

    private static ReplayStatus.Builder status(final ReplaySession replay, final ReplayState state, final int requestId, final long nowNs)
    {
        return ReplayStatus.newBuilder()
            .setRequestId(requestId)
            .setState(state)
            .setSpeed(replay.clock.speed())
            .setPositionTimeNs(replay.clock.recordedNow(nowNs))
            .setPositionSequence(replay.released)
            .setSegmentFirstSequence(replay.segmentFirst)
            .setToSequence(replay.toSequence)
            .setFromTimeNs(replay.segmentFirstTimeNs)
            .setToTimeNs(replay.toTimeNs);
    }
}
