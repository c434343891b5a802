package dev.ticker.server.stream;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.JournalDamageException;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.Heartbeat;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.InstrumentSnapshot;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Snapshot;
import dev.ticker.server.bars.BarStore;
import dev.ticker.server.bars.DayWindow;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.metrics.ServerCounters;
import dev.ticker.server.replay.ReplaySession;
import dev.ticker.server.replay.Replays;
import dev.ticker.server.session.CatchUp;
import dev.ticker.server.session.ControlMessages;
import dev.ticker.server.session.Session;
import dev.ticker.server.session.SessionCommand;
import dev.ticker.server.session.SharedConflation;
import dev.ticker.server.session.SubscriptionRequests;
import dev.ticker.server.ws.WebSocketConnection;
import io.undertow.websockets.core.CloseMessage;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One fan-out thread's live stream: it tails the journal and owns the subscription state of its
 * share of the sessions (those on its IO thread), and writes their frames itself. At start it
 * reads the journal's recent past (the warm-up) to rebuild bars, day statistics and last values.
 * Then, driven step by step by its {@link StreamAgent}, it lets resuming sessions catch up from
 * their own readers by a bounded slice, reads a bounded batch of journal records into the
 * instrument book, the bars and the batches of the live sessions that want them, and, once per
 * flush window, hands each session at most one data frame; heartbeats and idle checks go on their
 * own interval. It calls back into no one: sessions whose waiting requests are due, and closed
 * sessions whose replay must be released, are handed out for the agent to pass on. Nothing on the
 * per-tick path allocates, blocks or logs.
 */
public final class LiveStream
{
    private static final int WARM_UP_BATCH = 65_536;
    private static final long CATALOG_RELOAD_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long HOUR_NS = TimeUnit.HOURS.toNanos(1);
    private static final long SHARED_REJOIN_DELAY_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_DAMAGED_REGIONS_PER_READ = 16;
    private static final int CLOSE_NORMAL = CloseMessage.NORMAL_CLOSURE;

    private final ServerConfiguration configuration;
    private final TickJournal journal;
    private TickTailer tailer;
    private final ServerCounters counters;
    private final EpochNanoClock epochClock;
    private final ArrayList<Session> sessions = new ArrayList<>();
    private final InstrumentBook book = new InstrumentBook();
    private final BarStore bars;
    private final ControlMessages control;
    /** Sessions whose catch-up is all with the socket, or that are back from a replay: their waiting requests are due. */
    private final ArrayList<Session> requestsDue = new ArrayList<>();
    /** Sessions removed in the state REPLAYING: their replay is to be released. */
    private final ArrayList<Session> closedReplaying = new ArrayList<>();
    private final Tick tick = new Tick();
    private final EncodedTick encoded = new EncodedTick();
    private final SharedFrame sharedFrame;
    /** The latest values, kept once for every session subscribed to everything that has fallen behind. */
    private final SharedConflation sharedConflation = new SharedConflation();
    /**
     * The sessions a tick is offered to one by one: all but the shared frame's members, in an
     * array the per-tick loop walks without bounds checks of a list; made again when membership
     * changes, never per tick.
     */
    private Session[] perTick = new Session[16];
    private int perTickCount;
    private boolean perTickStale;
    private final Tick catchUpTick = new Tick();
    private final long flushIntervalNs;
    private final long heartbeatIntervalNs;
    private final long idleTimeoutNs;
    private final int softLimit;
    private final int hardLimit;

    private InstrumentCatalog catalog;
    private long lastScanned;
    private long headSequence;
    private long warmUpUntil = TickDescriptor.NO_SEQUENCE;
    private boolean warmingUp;
    private int resuming;
    private long nowNs;
    private long nextFlushNs;
    private long nextHeartbeatNs;
    private long nextCatalogReloadNs;

    public LiveStream(
        final ServerConfiguration configuration,
        final TickJournal journal,
        final ControlMessages control,
        final ServerCounters counters,
        final BarStore bars,
        final EpochNanoClock epochClock)
    {
        this.configuration = configuration;
        this.journal = journal;
        this.counters = counters;
        this.bars = bars;
        this.epochClock = epochClock;
        this.control = control;
        this.flushIntervalNs = TimeUnit.MILLISECONDS.toNanos(configuration.flushIntervalMs());
        this.heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(configuration.heartbeatIntervalMs());
        this.idleTimeoutNs = TimeUnit.MILLISECONDS.toNanos(configuration.idleTimeoutMs());
        this.softLimit = configuration.conflateAboveBytes();
        this.hardLimit = configuration.maxSessionBufferBytes();
        this.sharedFrame = new SharedFrame(hardLimit + hardLimit / 2);
        this.catalog = journal.instruments();
        bars.onCatalog(catalog);
    }

    /** Positions the live reader for the warm-up; on the fan-out thread, which owns the reader from now on. */
    public void start()
    {
        // A Chronicle tailer belongs to the thread that made it: this one.
        tailer = journal.tailer();
        final long head = tailer.lastSequence();
        long start = head + 1;
        if (head != TickDescriptor.NO_SEQUENCE && tailer.moveToSequence(head) && tailer.readNext(tick))
        {
            // The warm-up: from local midnight, warmUpDays before the head's trading day, in the
            // westernmost zone, on a whole hour so that every bar it builds is complete.
            final long warmUpStartNs = warmUpStartNs(tick.eventTimeNs);
            start = tailer.moveToTime(warmUpStartNs);
            bars.coveredFrom(warmUpStartNs);
        }
        // Positioning by sequence, not with toEnd(), so that a record appended meanwhile is not skipped.
        if (!tailer.moveToSequence(start))
        {
            throw new IllegalStateException("journal " + journal.directory() + " cannot be positioned at sequence " + start);
        }
        lastScanned = start - 1;
        warmUpUntil = head;
        warmingUp = lastScanned < warmUpUntil;
        headSequence = head;
        counters.onWarmUp(0, warmingUp);
        counters.scannedSequence(lastScanned);
        counters.headSequence(headSequence);
        counters.dutyCycle(epochClock.nanoTime());
    }

    /** The time of the duty cycle now starting, from the agent's clock. */
    public void cycleAt(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    /** Whether the warm-up still reads the journal's recent past: requests wait until it is done. */
    public boolean isWarmingUp()
    {
        return warmingUp;
    }

    /** Lets the resuming sessions read their slices; returns the records read. */
    public int catchUps()
    {
        return resuming > 0 ? catchUp() : 0;
    }

    /** Reads the next batch of live records into the sessions' batches; returns the records read. */
    public int read()
    {
        return readJournal();
    }

    /** Frames once per flush window, and for resuming sessions as fast as their clients read; returns the frames sent. */
    public int flushIfDue()
    {
        if (nowNs - nextFlushNs >= 0)
        {
            nextFlushNs = nowNs + flushIntervalNs;
            return flush(false);
        }
        // catching up goes as fast as the client reads, not one frame per window
        return resuming > 0 ? flush(true) : 0;
    }

    /** Heartbeats and idle checks once per heartbeat interval; returns the sessions served. */
    public int heartbeatIfDue()
    {
        if (nowNs - nextHeartbeatNs >= 0)
        {
            nextHeartbeatNs = nowNs + heartbeatIntervalNs;
            return heartbeat();
        }
        return 0;
    }

    /** Hands out the sessions whose waiting requests are due, in the order they became due. */
    public int drainRequestsDue(final Consumer<Session> apply)
    {
        final int count = requestsDue.size();
        for (int i = 0; i < requestsDue.size(); i++)
        {
            apply.accept(requestsDue.get(i));
        }
        requestsDue.clear();
        return count;
    }

    /** Hands out the sessions removed while replaying, so that their replays are released. */
    public void drainClosedReplaying(final Consumer<Session> release)
    {
        for (int i = 0; i < closedReplaying.size(); i++)
        {
            release.accept(closedReplaying.get(i));
        }
        closedReplaying.clear();
    }

    /** A session the IO thread accepted joins this thread's live stream. */
    public void open(final Session session)
    {
        session.rangeStart = lastScanned + 1;
        session.idleSinceNs = nowNs;
        sessions.add(session);
        perTickStale = true;
        counters.sessions(sessions.size());
    }

    public int warmUp()
    {
        final int read = warmUpSlice();
        counters.dutyCycle(epochClock.nanoTime());
        return read;
    }

    private int warmUpSlice()
    {
        int read = 0;
        while (read < WARM_UP_BATCH && lastScanned < warmUpUntil && tailer.readNext(tick))
        {
            read++;
            if (tick.instrumentId >= catalog.size())
            {
                reloadCatalog();
            }
            lastScanned = tick.sequence;
            book.onTick(tick);
            if (tick.isTrade())
            {
                bars.onTrade(tick);
            }
        }
        warmingUp = lastScanned < warmUpUntil && read > 0;
        counters.onWarmUp(read, warmingUp);
        counters.onTicksIn(read);
        counters.scannedSequence(lastScanned);
        bars.scannedSequence(lastScanned);
        return read;
    }

    private int readJournal()
    {
        final int limit = configuration.readBatchLimit();
        final ArrayList<Session> sessions = this.sessions;
        final Tick tick = this.tick;
        int read = 0;
        long encodedCount = 0;
        if (sharedConflation.takeMembershipChanged() || perTickStale)
        {
            collectPerTickSessions();
        }
        while (read < limit && readNextIntact(tick))
        {
            read++;
            if (tick.sequence != lastScanned + 1 && lastScanned != TickDescriptor.NO_SEQUENCE)
            {
                counters.onJournalGap();
            }
            final int instrumentId = tick.instrumentId;
            if (instrumentId >= catalog.size())
            {
                onNewInstruments(tick.sequence - 1);
            }
            boolean encodedOnce = false;
            if (sharedFrame.hasMembers())
            {
                encoded.encode(tick);
                encodedOnce = true;
                encodedCount++;
                if (sharedFrame.batchLength() >= softLimit || !sharedFrame.add(encoded))
                {
                    // a shared frame is kept as small as what may wait for one connection: the full
                    // one goes now, and the next starts with this tick; so a member that leaves takes
                    // at most that much with it, however far behind the thread is
                    flushShared();
                    sharedFrame.add(encoded);
                    if (perTickStale)
                    {
                        // a member that left goes on alone from this very tick
                        collectPerTickSessions();
                    }
                }
            }
            if (sharedConflation.hasMembers())
            {
                if (!encodedOnce)
                {
                    encoded.encode(tick);
                    encodedOnce = true;
                    encodedCount++;
                }
                sharedConflation.put(tick, encoded.length());
            }
            lastScanned = tick.sequence;
            book.onTick(tick);
            final boolean trade = tick.isTrade();
            if (trade)
            {
                bars.onTrade(tick);
            }
            final Session[] perTick = this.perTick;
            for (int i = 0, n = perTickCount; i < n; i++)
            {
                final Session session = perTick[i];
                if (!session.isLive() || !session.wants(instrumentId) ||
                    (session.resumeFiltering && !session.delivers(tick)) || null != session.conflatedWith)
                {
                    continue;
                }
                if (!encodedOnce)
                {
                    // once for every session that wants it, and not at all when none does
                    encoded.encode(tick);
                    encodedOnce = true;
                    encodedCount++;
                }
                final int offered = session.offer(tick, encoded, softLimit, hardLimit);
                if (offered == Session.OVER_BUDGET)
                {
                    onSlowConsumer(session);
                    continue;
                }
                if (offered == Session.CONFLATED && session.canShareFrame())
                {
                    // behind, and wanting every tick as its neighbours do: from the next tick on it takes
                    // the latest values kept once for all of them, instead of conflating each tick itself
                    sharedConflation.join(session, tick.sequence + 1);
                    continue;
                }
                if (trade)
                {
                    session.onBarsChanged(instrumentId, bars);
                }
                if (offered == Session.TAKEN && session.batchLength() >= softLimit && !session.isSending())
                {
                    // a connection that keeps up gets every tick, so its batch may not wait for the
                    // window when the thread reads faster than the window drains (a burst, or a
                    // thread behind under overload): the frame goes now, as the shared one does,
                    // and what waits for one connection stays within conflateAboveBytes
                    sendFrame(session);
                }
            }
        }
        if (read > 0)
        {
            int behind = 0;
            for (int i = 0, n = sessions.size(); i < n; i++)
            {
                behind += sessions.get(i).isBehind() ? 1 : 0;
            }
            counters.conflatingSessions(behind);
            counters.onTicksEncoded(encodedCount);
            for (int i = 0, n = sessions.size(); i < n; i++)
            {
                final Session session = sessions.get(i);
                if (session.resumeFiltering && session.isLive())
                {
                    session.onScanned(lastScanned);
                }
            }
            counters.onTicksIn(read);
            counters.scannedSequence(lastScanned);
            bars.scannedSequence(lastScanned);
            if (lastScanned > headSequence)
            {
                headSequence = lastScanned;
                counters.headSequence(headSequence);
            }
            removeClosedSessions();
        }
        return read;
    }

    private void collectPerTickSessions()
    {
        final ArrayList<Session> sessions = this.sessions;
        if (perTick.length < sessions.size())
        {
            perTick = new Session[Math.max(sessions.size(), perTick.length * 2)];
        }
        int count = 0;
        for (int i = 0, n = sessions.size(); i < n; i++)
        {
            final Session session = sessions.get(i);
            if (!session.shared && null == session.conflatedWith)
            {
                perTick[count++] = session;
            }
        }
        if (count < perTickCount)
        {
            java.util.Arrays.fill(perTick, count, perTickCount, null);
        }
        perTickCount = count;
        perTickStale = false;
    }

    /**
     * The next intact record of the live reader. Damage is never served as data: the reader is
     * already past it, the damage is counted and every live session told which sequences it will
     * never get, with the report's file and offset, and reading goes on with the next intact record.
     */
    private boolean readNextIntact(final Tick tick)
    {
        // bounded, so that a reader that could not step past a damaged region never holds the IO thread
        for (int damaged = 0; damaged < MAX_DAMAGED_REGIONS_PER_READ; damaged++)
        {
            try
            {
                return tailer.readNext(tick);
            }
            catch (final JournalDamageException ex)
            {
                counters.onJournalDamage();
                final ArrayList<Session> sessions = this.sessions;
                for (int i = 0, n = sessions.size(); i < n; i++)
                {
                    final Session session = sessions.get(i);
                    if (session.isLive() && session.hasSubscription())
                    {
                        control.sendError(session, ErrorCode.ERROR_CODE_INTERNAL, ex.getMessage() +
                            "; no frame holds these sequences, and the stream goes on after them", 0,
                            ex.lastMissingSequence() + 1);
                    }
                }
            }
        }
        return false;
    }

    /** Lets each resuming session's catch-up read its slice of the journal, as far as its client keeps up. */
    private int catchUp()
    {
        int budget = configuration.resumeBatchLimit();
        int read = 0;
        final ArrayList<Session> sessions = this.sessions;
        for (int i = 0, n = sessions.size(); i < n; i++)
        {
            final Session session = sessions.get(i);
            final CatchUp catchUp = session.catchUp();
            if (null == catchUp)
            {
                continue;
            }
            final int slice = catchUp.doWork(journal, catchUpTick, lastScanned, budget, softLimit, counters);
            budget -= slice;
            read += slice;
            if (catchUp.isLevelWith(lastScanned))
            {
                goLive(session);
            }
        }
        return read;
    }

    /**
     * The session has caught up with the live reader: from now on it is fed with everyone else.
     * Requests, those that waited and any that come meanwhile, are answered once the frame with
     * the last catch-up ticks has been handed to the socket, so that their answers follow it.
     */
    private void goLive(final Session session)
    {
        final long firstEventTimeNs = session.catchUp().firstEventTimeNs();
        session.caughtUp();
        if (Session.NONE != firstEventTimeNs)
        {
            session.markAllBarsSince(firstEventTimeNs, bars);
        }
        if (!session.isSending())
        {
            sendFrame(session);
            endCatchUp(session);
        }
        else if (session.hasNothingWaiting())
        {
            endCatchUp(session);
        }
        // else the frame before is still being written: flush sends this one as soon as it may
    }

    /** The catch-up has all been handed to the socket: the requests that waited for it are answered. */
    private void endCatchUp(final Session session)
    {
        if (session.isClosed())
        {
            // counted out when it is removed
            return;
        }
        session.catchUpSent();
        resuming--;
        counters.resumingSessions(resuming);
        if (!session.deferred.isEmpty())
        {
            requestsDue.add(session);
        }
    }

    /**
     * A connection back from a replay: live goes on after {@code liveCovered}, through a catch-up
     * from the journal when the live stream has moved on since, as for a resume.
     */
    public void resumeLive(final Session session, final long liveCovered)
    {
        startCatchUp(session, liveCovered);
        if (session.isLive() && !session.deferred.isEmpty())
        {
            requestsDue.add(session);
        }
    }

    /** Starts a resumed session from {@code lastSequence} + 1, which the journal holds. */
    public void startCatchUp(final Session session, final long lastSequence)
    {
        session.rangeStart = lastSequence + 1;
        if (lastSequence == lastScanned)
        {
            return;
        }
        session.startCatchingUp(lastSequence + 1);
        resuming++;
        counters.resumingSessions(resuming);
        // the catch-up reader is made on the next duty cycle; a client that has seen more than this
        // server has read yet waits for the live reader to get there
    }

    private int flush(final boolean resumingOnly)
    {
        int frames = resumingOnly ? 0 : flushShared();
        final ArrayList<Session> sessions = this.sessions;
        for (int i = 0, n = sessions.size(); i < n; i++)
        {
            final Session session = sessions.get(i);
            if (!session.isClosed() && session.isOverBudgetWhileConflatedShared(hardLimit))
            {
                onSlowConsumer(session);
                continue;
            }
            if (session.isClosed() || session.shared || session.isSending() || session.isReplaying() ||
                (resumingOnly && session.state() == Session.State.LIVE))
            {
                continue;
            }
            frames += sendFrame(session);
            if (session.isCatchUpUnsent())
            {
                endCatchUp(session);
            }
        }
        if (!resumingOnly)
        {
            joinSharedFrame();
            sharedConflation.onFlushed();
        }
        if (frames > 0 || resumingOnly)
        {
            removeClosedSessions();
        }
        return frames;
    }

    /**
     * Offers the shared frame, built once, to each member. A member whose socket still owes bytes
     * leaves with the frame's ticks and goes on alone (conflated while it stays behind).
     */
    private int flushShared()
    {
        final SharedFrame shared = sharedFrame;
        final long last = lastScanned;
        if (!shared.hasTicks())
        {
            shared.onFlushed(last);
            return 0;
        }
        final BatchEncoder batch = shared.batch();
        final int ticks = batch.tickCount();
        final int bytes = batch.length();
        final java.nio.ByteBuffer frame = batch.webSocketFrame(shared.rangeStart(), last);
        counters.onFrameBuilt();
        int frames = 0;
        for (int i = shared.memberCount() - 1; i >= 0; i--)
        {
            final Session member = shared.member(i);
            if (member.isClosed())
            {
                shared.removeAt(i);
                perTickStale = true;
                continue;
            }
            final int result = member.isSending() ? WebSocketConnection.BACK_PRESSURED : member.connection.offer(frame);
            if (result == WebSocketConnection.SENT)
            {
                member.rangeStart = last + 1;
                member.ticksSent += ticks;
                counters.onFrameOut(ticks, bytes);
                frames++;
            }
            else if (result == WebSocketConnection.BACK_PRESSURED)
            {
                shared.leaveAt(i);
                // not straight back: a socket that cannot keep up would leave again at the next
                // frame, copying the frame's ticks each time (under overload, all of them would)
                member.rejoinSharedAtNs = nowNs + SHARED_REJOIN_DELAY_NS;
                perTickStale = true;
                if (member.owedBytes() + bytes > hardLimit)
                {
                    onSlowConsumer(member);
                }
            }
            else
            {
                shared.removeAt(i);
                perTickStale = true;
            }
        }
        shared.onFlushed(last);
        return frames;
    }

    /** Sessions subscribed to everything without options join the shared frame once they are level with it. */
    private void joinSharedFrame()
    {
        final long next = lastScanned + 1;
        final ArrayList<Session> sessions = this.sessions;
        for (int i = 0, n = sessions.size(); i < n; i++)
        {
            final Session session = sessions.get(i);
            if (!session.shared && session.state() == Session.State.LIVE &&
                session.rangeStart == next && session.canShareFrame() && session.hasNothingWaiting() && !session.isSending() &&
                nowNs - session.rejoinSharedAtNs >= 0)
            {
                sharedConflation.leave(session, false);
                sharedFrame.join(session);
                perTickStale = true;
            }
        }
    }

    /** The session leaves the shared frame (before a request changes what it gets), taking the ticks waiting for it. */
    public void leaveSharedFrame(final Session session)
    {
        if (session.shared)
        {
            sharedFrame.leave(session);
            perTickStale = true;
        }
        sharedConflation.leave(session, true);
    }

    /**
     * Before a snapshot as of the last record read, the connection's coverage is brought up to it:
     * a frame with the ticks of its subscription waiting up to it, or, when none wait, a heartbeat
     * that says so. The first frame after the snapshot then starts right after it, and a client
     * that keeps coverage (docs/protocol.md, "Nothing missing") sees no gap whether it counted the
     * heartbeats before its first subscription or not.
     */
    public void flushForSnapshot(final Session session)
    {
        if (!session.isLive() || session.rangeStart > lastScanned)
        {
            return;
        }
        final int ready = session.prepareFrame(bars, nowNs);
        if (ready < 0)
        {
            onSlowConsumer(session);
            return;
        }
        if (ready > 0)
        {
            // behind whatever the socket still owes: the snapshot must come after these ticks
            offerPreparedFrame(session, lastScanned, true);
        }
        else
        {
            session.rangeStart = lastScanned + 1;
            sendHeartbeat(session, epochClock.nanoTime());
        }
    }

    /** The last sequence the session's ticks have been read up to: its catch-up's, or the live reader's. */
    private long lastReadFor(final Session session)
    {
        final CatchUp catchUp = session.catchUp();
        return null == catchUp ? lastScanned : catchUp.next() - 1;
    }

    /** Sends the session's next frame if it has anything for it; call only when it is not sending. */
    private int sendFrame(final Session session)
    {
        final int ready = session.prepareFrame(bars, nowNs);
        if (ready < 0)
        {
            onSlowConsumer(session);
            return 0;
        }
        if (ready == 0)
        {
            return 0;
        }
        return offerPreparedFrame(session, lastReadFor(session), false);
    }

    /** Offers the frame {@link Session#prepareFrame} filled, and counts it once the socket took it. */
    private int offerPreparedFrame(final Session session, final long lastSequence, final boolean ahead)
    {
        final int ticks = session.batchTickCount();
        final int bytes = session.batchLength();
        final int barCount = session.batchBarCount();
        final long conflated = session.frameConflated();
        counters.onFrameBuilt();
        if (session.offerFrame(lastSequence, ahead) != WebSocketConnection.SENT)
        {
            // closing: the connection's end reaches this thread as a command
            return 0;
        }
        session.ticksSent += ticks;
        counters.onFrameOut(ticks, bytes);
        counters.onBarsOut(barCount);
        counters.onConflated(conflated);
        return 1;
    }

    private int heartbeat()
    {
        headSequence = Math.max(headSequence, tailer.lastSequence());
        counters.headSequence(headSequence);
        final long serverTimeNs = epochClock.nanoTime();
        final ArrayList<Session> sessions = this.sessions;
        long subscriptions = 0;
        for (int i = 0, n = sessions.size(); i < n; i++)
        {
            final Session session = sessions.get(i);
            if (session.isClosed())
            {
                continue;
            }
            subscriptions += session.all ? catalog.size() : session.symbolCount;
            if (Session.NONE != session.idleSinceNs && nowNs - session.idleSinceNs >= idleTimeoutNs && !session.hasSubscription())
            {
                counters.onIdleClose();
                control.closeWithError(session, ErrorCode.ERROR_CODE_IDLE_TIMEOUT, CLOSE_NORMAL,
                    "the connection subscribed to nothing for " + configuration.idleTimeoutMs() + " ms (the idle timeout)", 0);
                continue;
            }
            final ReplaySession replay = session.replay();
            if (session.shared ? !sharedFrame.hasTicks() : session.hasNothingWaiting())
            {
                // Nothing for this client is waiting: the records scanned so far held none of its
                // ticks, so the heartbeat itself covers them. A replay covers what it has released,
                // from its position on (while it rebuilds, the client has not been told the position yet).
                if (null == replay)
                {
                    session.rangeStart = lastReadFor(session) + 1;
                }
                else if (!replay.rebuilding)
                {
                    session.rangeStart = replay.released + 1;
                }
            }
            sendHeartbeat(session, serverTimeNs);
        }
        counters.subscriptions(subscriptions);
        removeClosedSessions();
        return sessions.size();
    }

    private void sendHeartbeat(final Session session, final long serverTimeNs)
    {
        control.send(session, ServerMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
            .setServerTimeNs(serverTimeNs)
            .setHeadSequence(headSequence)
            .setScannedSequence(session.rangeStart - 1)).build());
    }

    /**
     * Reloads the catalogue when a record or a request names an instrument it does not have (the
     * writer may have added some). Sessions subscribed to everything take the new instruments
     * with their options and, when live, get a snapshot of them as of {@code asOfSequence}.
     *
     * @return whether the catalogue grew.
     */
    public boolean onNewInstruments(final long asOfSequence)
    {
        final int before = catalog.size();
        if (!reloadCatalog())
        {
            return false;
        }
        for (final Session session : sessions)
        {
            if (!session.all || session.isClosed())
            {
                continue;
            }
            final Snapshot.Builder snapshot = Snapshot.newBuilder().setAsOfSequence(asOfSequence).setComplete(true);
            for (int id = before; id < catalog.size(); id++)
            {
                session.subscribe(id, session.allRate, session.allBarMask);
                snapshot.addInstruments(book.snapshot(catalog.byId(id), session.allBarMask, bars));
            }
            if (session.isLive())
            {
                control.send(session, ServerMessage.newBuilder().setSnapshot(snapshot).build());
            }
        }
        return true;
    }

    private void onSlowConsumer(final Session session)
    {
        control.closeWithError(session, ErrorCode.ERROR_CODE_SLOW_CONSUMER, CloseMessage.MSG_VIOLATES_POLICY,
            "the connection fell behind: more than " + hardLimit + " bytes of data were owed to it; resume from sequence " +
            session.rangeStart, session.rangeStart);
        // after the error count, so that whoever sees this count sees that one too
        counters.onSlowConsumerClose();
    }

    private boolean reloadCatalog()
    {
        if (nowNs - nextCatalogReloadNs < 0)
        {
            return false;
        }
        nextCatalogReloadNs = nowNs + CATALOG_RELOAD_INTERVAL_NS;
        final int before = catalog.size();
        catalog = journal.instruments();
        bars.onCatalog(catalog);
        return catalog.size() != before;
    }

    /** Takes the closed sessions out of the stream. */
    public void removeClosedSessions()
    {
        final ArrayList<Session> sessions = this.sessions;
        boolean removed = false;
        for (int i = sessions.size() - 1; i >= 0; i--)
        {
            final Session session = sessions.get(i);
            if (session.isClosed())
            {
                final Session.State closedIn = session.closedIn();
                if (closedIn == Session.State.REPLAYING)
                {
                    closedReplaying.add(session);
                }
                else if (closedIn == Session.State.CATCHING_UP || closedIn == Session.State.CATCH_UP_UNSENT)
                {
                    resuming--;
                    counters.resumingSessions(resuming);
                }
                sharedConflation.leave(session, false);
                final int last = sessions.size() - 1;
                sessions.set(i, sessions.get(last));
                sessions.remove(last);
                perTickStale = true;
                removed = true;
            }
        }
        if (removed)
        {
            counters.sessions(sessions.size());
        }
    }

    /**
     * Where a replay at {@code positionTimeNs} starts reading to rebuild its state: as the warm-up,
     * local midnight warmUpDays before the position's trading day.
     */
    public long rebuildStartNs(final long positionTimeNs)
    {
        return warmUpStartNs(positionTimeNs);
    }

    private long warmUpStartNs(final long headTimeNs)
    {
        long start = Long.MAX_VALUE;
        final Instant head = DayWindow.instant(headTimeNs);
        for (final Instrument instrument : catalog.instruments())
        {
            start = Math.min(start, dayStartNs(head, DayWindow.zoneOf(instrument.getTimeZone())));
        }
        if (start == Long.MAX_VALUE)
        {
            start = dayStartNs(head, ZoneOffset.UTC);
        }
        return Math.floorDiv(start, HOUR_NS) * HOUR_NS;
    }

    private long dayStartNs(final Instant head, final ZoneId zone)
    {
        final LocalDate day = LocalDate.ofInstant(head, zone).minusDays(configuration.warmUpDays());
        return new DayWindow(zone).startOf(day);
    }

    public InstrumentCatalog catalog()
    {
        return catalog;
    }

    public long lastScanned()
    {
        return lastScanned;
    }

    public long nowNs()
    {
        return nowNs;
    }

    /** The oldest sequence the journal holds (1 when it is empty). */
    public long firstSequence()
    {
        final long first = tailer.firstSequence();
        return first == TickDescriptor.NO_SEQUENCE ? TickDescriptor.NO_SEQUENCE + 1 : first;
    }

    /** The newest sequence in the journal, even if not read yet. */
    public long headSequence()
    {
        headSequence = Math.max(headSequence, tailer.lastSequence());
        return headSequence;
    }

    public InstrumentSnapshot snapshot(final Instrument instrument, final int barMask)
    {
        return book.snapshot(instrument, barMask, bars);
    }

    /** Splits {@code symbols} into known instruments, each once, and unknown symbols. */
    public void resolve(final List<String> symbols, final List<Instrument> known, final List<String> unknown)
    {
        final BitSet seen = new BitSet();
        for (final String symbol : symbols)
        {
            Instrument instrument = catalog.bySymbol(symbol);
            if (null == instrument && onNewInstruments(lastScanned))
            {
                instrument = catalog.bySymbol(symbol);
            }
            if (null == instrument)
            {
                unknown.add(symbol.length() > 32 ? symbol.substring(0, 32) + "…" : symbol);
            }
            else if (!seen.get(instrument.getId()))
            {
                seen.set(instrument.getId());
                known.add(instrument);
            }
        }
    }

    /** Closes every session and the live reader; on the fan-out thread. */
    public void close()
    {
        for (final Session session : sessions)
        {
            session.markClosed();
            if (null != session.connection)
            {
                session.connection.abort();
            }
        }
        sessions.clear();
        if (null != tailer)
        {
            tailer.close();
        }
    }
}
