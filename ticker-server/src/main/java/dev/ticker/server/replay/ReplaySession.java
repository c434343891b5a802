package dev.ticker.server.replay;

import dev.ticker.journal.ReplayClock;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickTailer;
import dev.ticker.server.bars.BarStore;
import dev.ticker.server.session.Session;
import dev.ticker.server.stream.InstrumentBook;

/**
 * The replay one connection runs: its own journal reader, its own instrument book and bars (the
 * state as of the replay position, for its snapshots and bars), its clock, its window, and the live
 * subscription it holds aside until the connection goes back to live. Owned by the stream agent
 * thread.
 *
 * <p>A replay first rebuilds: its reader starts at the beginning of the trading day(s) before the
 * position and reads, without sending, up to it. Then it plays: records are released as its clock
 * makes them due (all at once at speed 0) into the connection's batches, which go out as replay
 * frames. A seek rebuilds again.
 */
public final class ReplaySession
{
    final Session session;
    /** The live subscription, held aside while the replay's own is in place on the session. */
    final Session.Subscription live = new Session.Subscription();
    /** The last sequence the live stream had covered for the connection: live goes on after it. */
    final long liveCovered;

    TickTailer reader;
    InstrumentBook book;
    BarStore bars;
    ReplayClock clock;
    /** The next record to release, read ahead of its time. */
    final Tick pending = new Tick();
    boolean hasPending;

    /** Reading up to the position without sending; the status and snapshot follow when done. */
    public boolean rebuilding;
    /** The request the next status answers. */
    int requestId;
    /** The recorded time the clock stands at when rebuilding is done (a start or seek time). */
    long anchorRecordedNs;
    /** Records released by STEP requests still owed. */
    int steps;
    /** Every record up to {@link #toSequence} is released. */
    boolean ended;
    boolean endedReported;
    /** When the next frame may go (the fan-out thread's clock): one per flush window. */
    long nextFrameNs = Long.MIN_VALUE / 2;

    /** The segment: from the start or the last seek, up to the end (inclusive), with their event times. */
    long segmentFirst;
    long toSequence;
    long segmentFirstTimeNs;
    long toTimeNs;
    /** The last sequence released: what the replay frames cover. */
    public long released;

    ReplaySession(final Session session, final long liveCovered)
    {
        this.session = session;
        this.liveCovered = liveCovered;
    }

    void closeReader()
    {
        if (null != reader)
        {
            reader.close();
            reader = null;
        }
        hasPending = false;
    }
}
