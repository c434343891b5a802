package dev.ticker.server.session;

import dev.ticker.journal.Tick;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.server.bars.BarIntervals;
import dev.ticker.server.bars.BarSeries;
import dev.ticker.server.bars.BarStore;
import dev.ticker.server.replay.ReplaySession;
import dev.ticker.server.stream.BatchEncoder;
import dev.ticker.server.stream.EncodedTick;
import dev.ticker.server.ws.Outbound;
import dev.ticker.server.ws.WebSocketConnection;
import org.agrona.collections.IntArrayList;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One WebSocket connection as its fan-out thread sees it: its subscription and per-symbol options,
 * the journal range its frames have covered, its batch (made when it first has something to send),
 * the ticks conflated for it and the bars changed for it, and, while it resumes, its own journal
 * reader. Owned by the fan-out thread that owns its socket, which is the only thread that touches it.
 *
 * <p>Outbound bytes are bounded: while the socket still owes bytes of earlier frames, new ticks
 * go into the batch up to the soft limit; past it the session is "behind" and gets only the latest
 * trade and quote per instrument (status changes all) until the next frame goes out. The bytes
 * owed meanwhile (those the socket has not taken, of every kind of message, and the waiting ticks
 * counted as if nothing were conflated) must stay under the hard limit, or the session is closed
 * as too slow. Offering a tick allocates nothing.
 */
public final class Session implements ConflationBuffer.Sink
{
    public static final long NONE = Long.MIN_VALUE;
    /** {@link #offer}: the tick is in the next frame. */
    public static final int TAKEN = 1;
    /** {@link #offer}: the tick is kept as its instrument's latest value, merged with any later one. */
    public static final int CONFLATED = 2;
    /** {@link #offer}: the session owes more than its budget; nothing was taken. */
    public static final int OVER_BUDGET = -1;
    private static final int INITIAL_BATCH_BYTES = 1024;
    /** A batch grown beyond this by a burst is dropped once its frame is out, not kept for life. */
    private static final int KEPT_BATCH_BYTES = 256 * 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    final long id;
    final String remote;
    /** The socket; null only where a session is driven without one (benchmarks). */
    public Outbound connection;

    /** Subscribed to every instrument, including ones defined later, with these options. */
    public boolean all;
    public int allRate;
    public int allBarMask;
    /** Subscribed instrument ids (also filled in for {@link #all}), and their options. */
    boolean[] instruments = NO_BOOLEANS;
    int[] rates = NO_INTS;
    int[] barMasks = NO_INTS;
    public int symbolCount;

    /** First journal sequence not yet covered by a data frame (or heartbeat) sent to this client. */
    public long rangeStart;
    /** Ticks handed to the socket in data frames, for the connection's audit line. */
    public long ticksSent;
    /** When the connection last became subscribed to nothing; NONE while it has a subscription. */
    public long idleSinceNs = NONE;

    private State state = State.LIVE;
    /** The state the session was closed in: what its thread must release when it removes it. */
    private State closedIn;
    /** Set from {@link State#CATCHING_UP} until {@link State#LIVE}. */
    private CatchUp catchUp;
    /** Requests that arrived while catching up or replaying, applied on going live. */
    public final List<ClientMessage> deferred = new ArrayList<>();
    /** Their size as received: with their count, bounded by the server's settings. */
    public int deferredBytes;
    /** The replay this connection runs, set exactly while {@link State#REPLAYING}. */
    private ReplaySession replay;

    private final int maxBatchBytes;
    private final int initialBatchBytes;
    /** The batch being filled for the next frame; made when first needed, so that idle connections cost little. */
    private BatchEncoder filling;
    private long backlogBytes;
    private boolean behind;
    private ConflationBuffer conflation;
    private long[] lastReleaseNs = NO_SEQUENCES;
    private long[] releasedRound = NO_SEQUENCES;
    private long flushRound;
    private long flushNowNs;
    private boolean batchFull;
    private long frameConflated;
    /** Per instrument, the intervals with bars changed since the last frame. */
    private int[] barDirty = NO_INTS;
    private long[] barDirtyFromNs = NO_SEQUENCES;
    private final IntArrayList dirtyBarInstruments = new IntArrayList();

    /** Shared by every session until it subscribes: an idle connection holds no arrays of its own. */
    private static final long[] NO_SEQUENCES = new long[0];
    private static final int[] NO_INTS = new int[0];
    private static final boolean[] NO_BOOLEANS = new boolean[0];
    /**
     * In its fan-out thread's {@link SharedFrame}: its ticks wait in that frame's batch, not its own,
     * and its coverage moves with that frame.
     */
    public boolean shared;
    /** The shared conflation this session takes its values from while it is behind, or null (see {@link SharedConflation}). */
    public SharedConflation conflatedWith;
    /** The first sequence the shared conflation still owes this session. */
    public long conflatedSince;
    long conflatedBytesAtJoin;
    /** Where this session stands in its shared conflation's list of members. */
    int conflatedIndex;
    /** When a session that left the shared frame because its socket owed bytes may join it again. */
    public long rejoinSharedAtNs = Long.MIN_VALUE / 2;
    /** Instruments subscribed with a rate or bar intervals: a session with any cannot share a frame. */
    private int optionCount;
    /** Set while a resumed subscription's ticks are filtered by {@link #delivers}. */
    public boolean resumeFiltering;
    private long[] deliverFrom = NO_SEQUENCES;
    private long deliverFromAll;
    private long deliverFromMax;

    public Session(final long id, final String remote, final int maxBufferBytes)
    {
        this.id = id;
        this.remote = remote;
        // a frame may carry the conflated latest values and bars on top of the owed bytes
        this.maxBatchBytes = maxBufferBytes + maxBufferBytes / 2;
        this.initialBatchBytes = Math.min(INITIAL_BATCH_BYTES, maxBufferBytes);
    }

    private BatchEncoder batch()
    {
        if (null == filling)
        {
            // small to start; a batch grows as bursts need
            filling = new BatchEncoder(initialBatchBytes, maxBatchBytes);
        }
        return filling;
    }

    public boolean wants(final int instrumentId)
    {
        return all || (instrumentId < instruments.length && instruments[instrumentId]);
    }

    /**
     * Whether the tick is one the client still needs: after a Resume, a subscription's ticks go
     * only from the effective sequence it had on the old connection, since the client's snapshot
     * holds those before. Checked only while {@link #resumeFiltering} is set.
     */
    public boolean delivers(final Tick tick)
    {
        final int instrumentId = tick.instrumentId;
        final long from = instrumentId < deliverFrom.length ? Math.max(deliverFrom[instrumentId], deliverFromAll) : deliverFromAll;
        return tick.sequence >= from;
    }

    /** After a Resume: ticks of the instrument go only from {@code sequence} on. */
    void deliverFrom(final int instrumentId, final long sequence)
    {
        if (instrumentId >= deliverFrom.length)
        {
            deliverFrom = Arrays.copyOf(deliverFrom, Math.max(instrumentId + 1, deliverFrom.length * 2));
        }
        deliverFrom[instrumentId] = Math.max(deliverFrom[instrumentId], sequence);
        deliverFromMax = Math.max(deliverFromMax, sequence);
        resumeFiltering = true;
    }

    /** After a Resume of a subscription to everything: every tick goes only from {@code sequence} on. */
    void deliverAllFrom(final long sequence)
    {
        deliverFromAll = Math.max(deliverFromAll, sequence);
        deliverFromMax = Math.max(deliverFromMax, sequence);
        resumeFiltering = true;
    }

    /** The reader has passed every resumed subscription's effective sequence: nothing more to filter. */
    public void onScanned(final long sequence)
    {
        if (resumeFiltering && sequence + 1 >= deliverFromMax)
        {
            endResumeFilter();
        }
    }

    /** Delivers every tick of the subscription again (a fresh snapshot replaced the resume). */
    void endResumeFilter()
    {
        resumeFiltering = false;
        deliverFrom = NO_SEQUENCES;
        deliverFromAll = 0;
        deliverFromMax = 0;
    }

    /** Whether the subscription is every instrument with no options, which sessions can share one frame for. */
    public boolean canShareFrame()
    {
        return all && allRate == 0 && allBarMask == 0 && optionCount == 0 && !resumeFiltering;
    }

    /**
     * Leaves the shared frame with the ticks it holds for this session: they become the start of
     * its own batch, covering from its coverage on, as if they had been offered to it one by one.
     */
    public void adoptSharedBatch(final BatchEncoder sharedBatch)
    {
        shared = false;
        if (sharedBatch.tickCount() > 0)
        {
            batch().addAll(sharedBatch);
            backlogBytes += sharedBatch.length();
        }
    }

    public boolean hasSubscription()
    {
        return all || symbolCount > 0;
    }

    public int barMask(final int instrumentId)
    {
        return instrumentId < barMasks.length ? barMasks[instrumentId] : 0;
    }

    /** Subscribes an instrument, or replaces its options. */
    public void subscribe(final int instrumentId, final int rate, final int barMask)
    {
        ensureInstruments(instrumentId + 1);
        if (!instruments[instrumentId])
        {
            instruments[instrumentId] = true;
            symbolCount++;
        }
        if (rates[instrumentId] != rate && null != conflation)
        {
            conflation.remove(instrumentId);
        }
        optionCount -= rates[instrumentId] != 0 || barMasks[instrumentId] != 0 ? 1 : 0;
        rates[instrumentId] = rate;
        barMasks[instrumentId] = barMask;
        optionCount += rate != 0 || barMask != 0 ? 1 : 0;
    }

    void unsubscribe(final int instrumentId)
    {
        if (instrumentId < instruments.length && instruments[instrumentId])
        {
            instruments[instrumentId] = false;
            optionCount -= rates[instrumentId] != 0 || barMasks[instrumentId] != 0 ? 1 : 0;
            rates[instrumentId] = 0;
            barMasks[instrumentId] = 0;
            symbolCount--;
            if (null != conflation)
            {
                conflation.remove(instrumentId);
            }
        }
    }

    public void unsubscribeAll()
    {
        all = false;
        allRate = 0;
        allBarMask = 0;
        Arrays.fill(instruments, false);
        Arrays.fill(rates, 0);
        Arrays.fill(barMasks, 0);
        symbolCount = 0;
        optionCount = 0;
        if (null != conflation)
        {
            conflation.clear();
        }
    }

    /**
     * Swaps the subscription (symbols and their options) with {@code other}: a replay puts its
     * own in place while it runs and gives the live one back when it ends. The ticks waiting for
     * the next frame belong to the subscription that is swapped out: drop them first ({@link #discardPending}).
     */
    public void swapSubscription(final Subscription other)
    {
        final boolean all = this.all;
        final int allRate = this.allRate;
        final int allBarMask = this.allBarMask;
        final boolean[] instruments = this.instruments;
        final int[] rates = this.rates;
        final int[] barMasks = this.barMasks;
        final int symbolCount = this.symbolCount;
        this.all = other.all;
        this.allRate = other.allRate;
        this.allBarMask = other.allBarMask;
        this.instruments = other.instruments;
        this.rates = other.rates;
        this.barMasks = other.barMasks;
        this.symbolCount = other.symbolCount;
        other.all = all;
        other.allRate = allRate;
        other.allBarMask = allBarMask;
        other.instruments = instruments;
        other.rates = rates;
        other.barMasks = barMasks;
        other.symbolCount = symbolCount;
        ensureInstruments(this.instruments.length);
        optionCount = 0;
        for (int i = 0; i < this.rates.length; i++)
        {
            optionCount += this.rates[i] != 0 || this.barMasks[i] != 0 ? 1 : 0;
        }
    }

    /**
     * Drops everything waiting for the next frame (ticks, conflated values, changed bars): the
     * range they were in is then not covered, and the next frame starts where the caller says.
     */
    public void discardPending()
    {
        if (null != conflatedWith)
        {
            conflatedWith.leave(this, false);
        }
        if (null != filling)
        {
            filling.reset();
        }
        if (null != conflation)
        {
            conflation.clear();
            conflation.takeMerged();
        }
        final IntArrayList dirty = dirtyBarInstruments;
        for (int i = 0, n = dirty.size(); i < n; i++)
        {
            barDirty[dirty.getInt(i)] = 0;
        }
        dirty.clear();
        backlogBytes = 0;
        behind = false;
    }

    /**
     * A live tick of the subscription, with its bytes as encoded once for every session: one offer
     * with a named result, as every byte the session owes counts against one budget.
     *
     * @return {@link #TAKEN} (in the next frame), {@link #CONFLATED} (kept as the latest value of
     *         its instrument: the session is behind, or the symbol has a rate), or {@link #OVER_BUDGET}
     *         (the bytes owed would pass {@code hardLimit}: the caller closes the session as too slow).
     */
    public int offer(final Tick tick, final EncodedTick encoded, final int softLimit, final int hardLimit)
    {
        final int instrumentId = tick.instrumentId;
        if (instrumentId < rates.length && rates[instrumentId] != 0)
        {
            // a rate-limited symbol keeps only its latest values, which are few: owed nothing more
            conflation().put(tick);
            return CONFLATED;
        }
        backlogBytes += encoded.length();
        if (backlogBytes + owedBytes() > hardLimit)
        {
            return OVER_BUDGET;
        }
        if (behind || (isSending() && batchLength() >= softLimit) || !batch().addEncoded(encoded))
        {
            // from now until the next frame every tick goes the conflated way, keeping journal order
            behind = true;
            conflation().put(tick);
            return CONFLATED;
        }
        return TAKEN;
    }

    /** A tick read while catching up; the caller reads only while {@link #hasRoomToCatchUp} holds. */
    public void offerCatchUp(final Tick tick)
    {
        final int instrumentId = tick.instrumentId;
        if ((instrumentId < rates.length && rates[instrumentId] != 0) || !batch().add(tick))
        {
            conflation().put(tick);
        }
    }

    public boolean hasRoomToCatchUp(final int softLimit)
    {
        return batchLength() < softLimit;
    }

    /** Notes that a trade changed the bars in progress of an instrument (live sessions only). */
    public void onBarsChanged(final int instrumentId, final BarStore store)
    {
        final int mask = barMask(instrumentId);
        if (mask != 0 && (instrumentId >= barDirty.length || barDirty[instrumentId] == 0))
        {
            markBarsDirty(instrumentId, mask, store, Long.MIN_VALUE);
        }
    }

    /** Marks every bar of the subscription since {@code sinceNs} to be sent with the next frame. */
    public void markAllBarsSince(final long sinceNs, final BarStore store)
    {
        for (int instrumentId = 0; instrumentId < barMasks.length; instrumentId++)
        {
            final int mask = barMasks[instrumentId];
            if (mask != 0 && (instrumentId >= barDirty.length || barDirty[instrumentId] == 0))
            {
                markBarsDirty(instrumentId, mask, store, sinceNs);
            }
        }
    }

    private void markBarsDirty(final int instrumentId, final int mask, final BarStore store, final long sinceNs)
    {
        if (barDirty.length < barMasks.length)
        {
            barDirty = Arrays.copyOf(barDirty, barMasks.length);
            barDirtyFromNs = Arrays.copyOf(barDirtyFromNs, barMasks.length * BarIntervals.COUNT);
        }
        barDirty[instrumentId] = mask;
        dirtyBarInstruments.addInt(instrumentId);
        for (int k = 0; k < BarIntervals.COUNT; k++)
        {
            if ((mask & (1 << k)) != 0)
            {
                barDirtyFromNs[instrumentId * BarIntervals.COUNT + k] = Long.MIN_VALUE == sinceNs ?
                    store.currentStartNs(instrumentId, k) : store.barStartNs(instrumentId, k, sinceNs);
            }
        }
    }

    /** Whether the session gets only the latest values until its next frame. */
    public boolean isBehind()
    {
        return behind;
    }

    /** Whether nothing is waiting to be sent: a heartbeat may then cover what was scanned. */
    public boolean hasNothingWaiting()
    {
        return batchTickCount() == 0 && (null == conflation || conflation.isEmpty()) && dirtyBarInstruments.isEmpty() &&
            (null == conflatedWith || !conflatedWith.latest().holdsFrom(conflatedSince));
    }

    /**
     * Fills the batch for the next frame: the conflated ticks that may go now, the count merged
     * away, and the changed bars.
     *
     * @return 1 when a frame is ready, 0 when there is nothing to send, -1 when it does not fit.
     */
    public int prepareFrame(final BarStore store, final long nowNs)
    {
        batchFull = false;
        if (null != conflation && !conflation.isEmpty())
        {
            flushRound++;
            flushNowNs = nowNs;
            conflation.drain(this);
        }
        long sharedMerged = 0;
        if (null != conflatedWith && !batchFull)
        {
            final int copied = conflatedWith.latest().copyFrom(conflatedSince, this);
            // every record from conflatedSince on is one this session wants: those not copied were merged away
            sharedMerged = copied < 0 ? 0 : Math.max(0, conflatedWith.lastSequence() - conflatedSince + 1 - copied);
        }
        if (batchTickCount() == 0 && dirtyBarInstruments.isEmpty())
        {
            return batchFull ? -1 : 0;
        }
        frameConflated = (null == conflation ? 0 : conflation.merged()) + sharedMerged;
        if (batchFull || !batch().conflated(frameConflated) || !appendBars(store))
        {
            return -1;
        }
        if (null != conflation)
        {
            conflation.takeMerged();
        }
        return 1;
    }

    /**
     * Fills the batch for the next replay frame: as {@link #prepareFrame}, marked as a replay at
     * {@code replayTimeNs}.
     */
    public int prepareReplayFrame(final BarStore store, final long nowNs, final long replayTimeNs)
    {
        final int ready = prepareFrame(store, nowNs);
        if (ready > 0 && !batch().replay(replayTimeNs))
        {
            return -1;
        }
        return ready;
    }

    /** The ticks merged away that the frame prepared last reports. */
    public long frameConflated()
    {
        return frameConflated;
    }

    private boolean appendBars(final BarStore store)
    {
        final IntArrayList dirty = dirtyBarInstruments;
        for (int i = 0, n = dirty.size(); i < n; i++)
        {
            final int instrumentId = dirty.getInt(i);
            final int mask = barMask(instrumentId) & barDirty[instrumentId];
            barDirty[instrumentId] = 0;
            for (int k = 0; k < BarIntervals.COUNT; k++)
            {
                final BarSeries series = (mask & (1 << k)) != 0 ? store.series(instrumentId, k) : null;
                if (null == series)
                {
                    continue;
                }
                for (int p = series.firstAtOrAfter(barDirtyFromNs[instrumentId * BarIntervals.COUNT + k]); p < series.size; p++)
                {
                    if (!batch().addBar(instrumentId, k, series.bars, series.held(p)))
                    {
                        return false;
                    }
                }
            }
        }
        dirty.clear();
        return true;
    }

    @Override
    public boolean canRelease(final Tick tick)
    {
        if (tick.isStatus())
        {
            return true;
        }
        final int instrumentId = tick.instrumentId;
        final int rate = instrumentId < rates.length ? rates[instrumentId] : 0;
        return rate == 0 || releasedRound[instrumentId] == flushRound || lastReleaseNs[instrumentId] == NONE ||
            flushNowNs - lastReleaseNs[instrumentId] >= NANOS_PER_SECOND / rate;
    }

    @Override
    public boolean onRelease(final Tick tick)
    {
        if (!batch().add(tick))
        {
            batchFull = true;
            return false;
        }
        final int instrumentId = tick.instrumentId;
        if (!tick.isStatus() && instrumentId < rates.length && rates[instrumentId] != 0 && releasedRound[instrumentId] != flushRound)
        {
            releasedRound[instrumentId] = flushRound;
            lastReleaseNs[instrumentId] = flushNowNs;
        }
        return true;
    }

    /** Ticks in the batch being filled. */
    public int batchTickCount()
    {
        return null == filling ? 0 : filling.tickCount();
    }

    public int batchBarCount()
    {
        return null == filling ? 0 : filling.barCount();
    }

    public int batchLength()
    {
        return null == filling ? 0 : filling.length();
    }

    /** Whether the socket still owes bytes of earlier messages: the next data frame waits. */
    public boolean isSending()
    {
        return owedBytes() > 0;
    }

    /** Bytes of every kind of message the socket has taken from the session and not yet written. */
    public long owedBytes()
    {
        return null == connection ? 0 : connection.owedBytes();
    }

    /**
     * The filled batch as a WebSocket frame covering [rangeStart, lastSequence]; the session goes
     * on after it once {@link #onFrameTaken} says the socket took it.
     */
    public ByteBuffer frame(final long lastSequence)
    {
        return batch().webSocketFrame(rangeStart, lastSequence);
    }

    /** The frame was taken: coverage moves past {@code lastSequence} and the batch starts over. */
    public void onFrameTaken(final long lastSequence)
    {
        if (filling.capacity() > KEPT_BATCH_BYTES)
        {
            // a burst grew it: let it go, so that many connections do not each keep a large buffer
            filling = null;
        }
        else
        {
            filling.reset();
        }
        rangeStart = lastSequence + 1;
        backlogBytes = 0;
        behind = false;
        if (null != conflatedWith)
        {
            // everything up to lastSequence went: the session goes on tick by tick while it keeps up
            conflatedWith.leave(this, false);
        }
    }

    /** Whether, taking its values from the shared conflation, the session would owe more than {@code hardLimit} had it been offered every tick. */
    public boolean isOverBudgetWhileConflatedShared(final int hardLimit)
    {
        return null != conflatedWith && backlogBytes + conflatedWith.bytesSinceJoin(this) + owedBytes() > hardLimit;
    }

    /** Leaving the shared conflation before a request: the values it has not had become its own, as does their weight in its budget. */
    void keepSharedValues(final ConflationBuffer shared)
    {
        backlogBytes += conflatedWith.bytesSinceJoin(this);
        final ConflationBuffer own = conflation();
        shared.copyFrom(conflatedSince, new ConflationBuffer.Sink()
        {
            @Override
            public boolean canRelease(final Tick tick)
            {
                return true;
            }

            @Override
            public boolean onRelease(final Tick tick)
            {
                own.put(tick);
                return true;
            }
        });
    }

    /**
     * Offers the filled batch as the next data frame, covering [rangeStart, lastSequence]. Ahead
     * means even while the socket owes bytes, queued behind them (the frame that must precede a
     * snapshot); it counts against the session's budget like any byte owed.
     *
     * @return {@link WebSocketConnection#SENT}, {@link WebSocketConnection#BACK_PRESSURED} (nothing
     *         taken: the socket still owes earlier bytes) or {@link WebSocketConnection#CLOSED}.
     */
    public int offerFrame(final long lastSequence, final boolean ahead)
    {
        final ByteBuffer frame = frame(lastSequence);
        final int result = ahead ? connection.offerControl(frame) : connection.offer(frame);
        if (result == WebSocketConnection.SENT)
        {
            onFrameTaken(lastSequence);
        }
        return result;
    }

    /** The deferred requests have been applied. */
    public void clearDeferred()
    {
        deferred.clear();
        deferredBytes = 0;
    }

    /** Where the session is in its life: one state, changed only by the transitions below. */
    public State state()
    {
        return state;
    }

    public boolean isClosed()
    {
        return state == State.CLOSED;
    }

    /** Fed by its thread's live reader (also while its last catch-up frame waits for the socket). */
    public boolean isLive()
    {
        return state == State.LIVE || state == State.CATCH_UP_UNSENT;
    }

    public boolean isCatchingUp()
    {
        return state == State.CATCHING_UP;
    }

    /** Caught up, but its last catch-up frame is not with the socket yet. */
    public boolean isCatchUpUnsent()
    {
        return state == State.CATCH_UP_UNSENT;
    }

    public boolean isReplaying()
    {
        return state == State.REPLAYING;
    }

    /** Its requests wait in {@link #deferred}: it is catching up, or its catch-up is not all with the socket yet. */
    public boolean defersRequests()
    {
        return state == State.CATCHING_UP || state == State.CATCH_UP_UNSENT;
    }

    /** The catch-up while {@link State#CATCHING_UP}, else null. */
    public CatchUp catchUp()
    {
        return catchUp;
    }

    /** The replay while {@link State#REPLAYING}, else null. */
    public ReplaySession replay()
    {
        return replay;
    }

    /** LIVE to CATCHING_UP: reads from {@code next} on with its own reader until level with the live one. */
    public CatchUp startCatchingUp(final long next)
    {
        move(State.LIVE, State.CATCHING_UP);
        catchUp = new CatchUp(this, next);
        return catchUp;
    }

    /** CATCHING_UP to CATCH_UP_UNSENT: level with the live reader; its reader is released. */
    public void caughtUp()
    {
        move(State.CATCHING_UP, State.CATCH_UP_UNSENT);
        catchUp.close();
        catchUp = null;
    }

    /** CATCH_UP_UNSENT to LIVE: the last catch-up frame is with the socket; deferred requests may be answered. */
    public void catchUpSent()
    {
        move(State.CATCH_UP_UNSENT, State.LIVE);
    }

    /** LIVE to REPLAYING. */
    public void startReplay(final ReplaySession replay)
    {
        move(State.LIVE, State.REPLAYING);
        this.replay = replay;
    }

    /** REPLAYING to LIVE: the connection is back on its live subscription (and may catch up next). */
    public void endReplay()
    {
        move(State.REPLAYING, State.LIVE);
        replay = null;
    }

    /**
     * Any state to CLOSED, once; releases a catch-up's reader at once. A replay is released by
     * its thread when it removes the session ({@link #closedIn}).
     *
     * @return whether it was open until now.
     */
    public boolean markClosed()
    {
        if (state == State.CLOSED)
        {
            return false;
        }
        closedIn = state;
        state = State.CLOSED;
        if (null != catchUp)
        {
            catchUp.close();
            catchUp = null;
        }
        return true;
    }

    /** The state it was closed in (null while open). */
    public State closedIn()
    {
        return closedIn;
    }

    /** Drops what a closed replay held; called by the replays once they let it go. */
    public void releaseReplay()
    {
        replay = null;
    }

    private void move(final State from, final State to)
    {
        if (state != from)
        {
            throw new IllegalStateException(this + ": " + from + " to " + to + " asked in state " + state);
        }
        state = to;
    }

    private ConflationBuffer conflation()
    {
        if (null == conflation)
        {
            conflation = new ConflationBuffer();
        }
        return conflation;
    }

    private void ensureInstruments(final int count)
    {
        if (count > instruments.length)
        {
            final int capacity = Math.max(count, instruments.length * 2);
            instruments = Arrays.copyOf(instruments, capacity);
            rates = Arrays.copyOf(rates, capacity);
            barMasks = Arrays.copyOf(barMasks, capacity);
        }
        if (instruments.length > lastReleaseNs.length)
        {
            // kept as large as the largest subscription the session has held (a replay swaps its own in)
            final int old = lastReleaseNs.length;
            lastReleaseNs = Arrays.copyOf(lastReleaseNs, instruments.length);
            Arrays.fill(lastReleaseNs, old, instruments.length, NONE);
            releasedRound = Arrays.copyOf(releasedRound, instruments.length);
        }
    }

    /**
     * A session's life. LIVE is where most sessions spend it; a resume goes through CATCHING_UP and
     * CATCH_UP_UNSENT back to LIVE; a replay goes from LIVE to REPLAYING and back; any state may
     * end in CLOSED.
     */
    public enum State
    {
        /** Fed by its thread's live reader with everyone else. */
        LIVE,
        /** Reading from its own reader after a resume until level with the live reader; requests wait. */
        CATCHING_UP,
        /** Level and fed live, but the frame with the last catch-up ticks is not with the socket yet; requests still wait. */
        CATCH_UP_UNSENT,
        /** Running a replay; its live subscription is held aside. */
        REPLAYING,
        /** Closed; its thread removes it at the next sweep. */
        CLOSED
    }

    /** Symbols and their options, held aside while another subscription is in place (see {@link #swapSubscription}). */
    public static final class Subscription
    {
        public boolean all;
        public int allRate;
        public int allBarMask;
        boolean[] instruments = NO_BOOLEANS;
        int[] rates = NO_INTS;
        int[] barMasks = NO_INTS;
        public int symbolCount;
    }

    @Override
    public String toString()
    {
        return "session " + id + " (" + remote + ")";
    }
}
