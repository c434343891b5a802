package dev.ticker.server.stream;

import dev.ticker.server.session.Session;

import java.util.ArrayList;

/**
 * The one frame that every session of a fan-out thread subscribed to every instrument without
 * options shares: each tick is copied once into one batch, the frame is built once per flush window
 * and the same bytes are offered to each member's socket. A member whose socket still owes bytes
 * leaves with the batch's ticks (they start its own batch) and goes on alone, conflated if it stays
 * behind; a session rejoins once it is level with the frame again. Owned by its fan-out thread.
 */
final class SharedFrame
{
    private final BatchEncoder batch;
    private final ArrayList<Session> members = new ArrayList<>();
    /** First journal sequence the next shared frame covers: every member's coverage starts there. */
    private long rangeStart;

    SharedFrame(final int maxBatchBytes)
    {
        this.batch = new BatchEncoder(64 * 1024, maxBatchBytes);
    }

    boolean hasMembers()
    {
        return !members.isEmpty();
    }

    int memberCount()
    {
        return members.size();
    }

    Session member(final int index)
    {
        return members.get(index);
    }

    BatchEncoder batch()
    {
        return batch;
    }

    long rangeStart()
    {
        return rangeStart;
    }

    /** Bytes of the ticks waiting for the next shared frame. */
    int batchLength()
    {
        return batch.length();
    }

    /** Whether ticks wait for the next shared frame. */
    boolean hasTicks()
    {
        return batch.tickCount() > 0;
    }

    /** Adds a tick for every member. @return false when the batch is full: flush it first. */
    boolean add(final EncodedTick tick)
    {
        return batch.addEncoded(tick);
    }

    /** A session level with the frame (its coverage starts where the frame's does) joins it. */
    void join(final Session session)
    {
        session.shared = true;
        members.add(session);
    }

    /** The member leaves with the ticks waiting for it, which become its own batch. */
    void leave(final Session session)
    {
        if (session.shared)
        {
            members.remove(session);
            session.adoptSharedBatch(batch);
        }
    }

    /** The member at {@code index} leaves with the ticks waiting for it, as {@link #leave}. */
    void leaveAt(final int index)
    {
        final Session session = members.get(index);
        removeAt(index);
        session.adoptSharedBatch(batch);
    }

    /** Removes the member at {@code index} (closed, or gone on alone); order does not matter. */
    void removeAt(final int index)
    {
        final Session session = members.get(index);
        final int last = members.size() - 1;
        members.set(index, members.get(last));
        members.remove(last);
        session.shared = false;
    }

    /** After the frame covering up to {@code lastSequence} went out: the next one starts after it. */
    void onFlushed(final long lastSequence)
    {
        batch.reset();
        rangeStart = lastSequence + 1;
    }
}
