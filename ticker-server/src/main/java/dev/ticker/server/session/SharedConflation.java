package dev.ticker.server.session;

import dev.ticker.journal.Tick;

import java.util.ArrayList;

/**
 * The latest trade and quote of every instrument, and every status change, kept once for all the
 * sessions of a fan-out thread that are subscribed to everything without options and have fallen
 * behind. Under overload every such session falls behind at once; each used to conflate every tick
 * into a buffer of its own, so a tick cost one conflation per session. Here it costs one, and each
 * member's frame takes the values from where its last frame ended ({@link Session#conflatedSince}).
 * A member leaves once a frame of its own is taken, and goes on tick by tick while it keeps up.
 * Owned by the fan-out thread.
 */
public final class SharedConflation
{
    private final ConflationBuffer latest = new ConflationBuffer();
    private final ArrayList<Session> members = new ArrayList<>();
    /** The sequence of the last tick put, and the bytes of every tick put since the start, for the members' budgets. */
    private long lastSequence;
    private long bytesPut;
    private boolean membershipChanged;

    public boolean hasMembers()
    {
        return !members.isEmpty();
    }

    /** A tick of the live reader, once for every member; {@code encodedLength} counts against each member's budget. */
    public void put(final Tick tick, final int encodedLength)
    {
        latest.put(tick);
        lastSequence = tick.sequence;
        bytesPut += encodedLength;
    }

    /** {@code session} takes its values from here from {@code sequence} on; it is no longer offered ticks one by one. */
    public void join(final Session session, final long sequence)
    {
        session.conflatedWith = this;
        session.conflatedSince = sequence;
        session.conflatedBytesAtJoin = bytesPut;
        session.conflatedIndex = members.size();
        members.add(session);
        membershipChanged = true;
    }

    /**
     * {@code session} leaves. With {@code keepWaiting} the values it has not had go into its own
     * conflation (a request is about to change what it gets); without, they were sent or are dropped.
     */
    public void leave(final Session session, final boolean keepWaiting)
    {
        if (session.conflatedWith != this)
        {
            return;
        }
        if (keepWaiting)
        {
            session.keepSharedValues(latest);
        }
        session.conflatedWith = null;
        // under overload members leave by the hundred each flush: the last one takes the leaver's place, no search
        final Session last = members.remove(members.size() - 1);
        if (last != session)
        {
            members.set(session.conflatedIndex, last);
            last.conflatedIndex = session.conflatedIndex;
        }
        membershipChanged = true;
    }

    /** Whether a member joined or left since the last call: the reader's list of sessions offered tick by tick is stale. */
    public boolean takeMembershipChanged()
    {
        final boolean changed = membershipChanged;
        membershipChanged = false;
        return changed;
    }

    /** Bytes of the ticks put since {@code session} joined: what it would have been offered one by one. */
    long bytesSinceJoin(final Session session)
    {
        return bytesPut - session.conflatedBytesAtJoin;
    }

    long lastSequence()
    {
        return lastSequence;
    }

    ConflationBuffer latest()
    {
        return latest;
    }

    /** After a flush: what no member can ask for any more is forgotten; with no member, everything. */
    public void onFlushed()
    {
        if (members.isEmpty())
        {
            latest.clear();
            latest.takeMerged();
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (int i = 0, n = members.size(); i < n; i++)
        {
            oldest = Math.min(oldest, members.get(i).conflatedSince);
        }
        latest.forgetStatusesBefore(oldest);
        latest.takeMerged();
    }
}
