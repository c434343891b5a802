package dev.ticker.server.session;

import dev.ticker.journal.Tick;

import java.util.Arrays;

/**
 * The latest trade and the latest quote of each instrument, and every status change, waiting for
 * one session, in journal order: what a session gets when it falls behind or asked for a maximum
 * update rate. A tick replaces the waiting one of its instrument and kind (and moves to the back,
 * keeping journal order); status changes are never replaced. Ticks sit in preallocated slots on a
 * doubly linked list, so putting one allocates nothing once the buffer has grown to the session's
 * instruments. Owned by the stream agent thread.
 */
final class ConflationBuffer
{
    private static final int NONE = -1;

    /** Decides, per waiting tick, whether it goes out now; see {@link #drain}. */
    interface Sink
    {
        /** Whether a tick of this instrument may go out now (false keeps it waiting). */
        boolean canRelease(Tick tick);

        /** Takes a tick going out; false stops the drain, leaving it and the rest waiting. */
        boolean onRelease(Tick tick);
    }

    private Tick[] slots = new Tick[0];
    private int[] next = new int[0];
    private int[] previous = new int[0];
    private int[] free = new int[0];
    private int freeCount;
    private int head = NONE;
    private int tail = NONE;
    private int size;
    private int[] tradeSlot = new int[0];
    private int[] quoteSlot = new int[0];
    private long merged;

    /** Adds a tick, replacing the waiting tick of its instrument and kind. */
    void put(final Tick tick)
    {
        int slot;
        if (tick.isStatus())
        {
            slot = allocate();
        }
        else
        {
            final int id = tick.instrumentId;
            if (id >= tradeSlot.length)
            {
                growInstruments(id + 1);
            }
            final int[] latest = tick.isTrade() ? tradeSlot : quoteSlot;
            slot = latest[id];
            if (slot == NONE)
            {
                slot = allocate();
                latest[id] = slot;
            }
            else
            {
                unlink(slot);
                merged++;
            }
        }
        slots[slot].copyFrom(tick);
        linkLast(slot);
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    int size()
    {
        return size;
    }

    /** Ticks replaced by a later one since the last {@link #takeMerged()}. */
    long merged()
    {
        return merged;
    }

    long takeMerged()
    {
        final long value = merged;
        merged = 0;
        return value;
    }

    /** Hands the waiting ticks that may go out to {@code sink}, in journal order; returns how many. */
    int drain(final Sink sink)
    {
        int released = 0;
        int slot = head;
        while (slot != NONE)
        {
            final int following = next[slot];
            final Tick tick = slots[slot];
            if (sink.canRelease(tick))
            {
                if (!sink.onRelease(tick))
                {
                    break;
                }
                release(slot, tick);
                released++;
            }
            slot = following;
        }
        return released;
    }

    /**
     * Hands every tick from {@code sequence} on to {@code sink}, in journal order, and keeps them
     * all: the buffer is shared by sessions that each ask from where they are. Ticks are linked in
     * the order of their sequences, so the walk starts at the newest and goes back only as far as
     * {@code sequence}. Returns how many were handed over, or -1 when the sink stopped.
     */
    int copyFrom(final long sequence, final Sink sink)
    {
        int slot = tail;
        while (slot != NONE && previous[slot] != NONE && slots[previous[slot]].sequence >= sequence)
        {
            slot = previous[slot];
        }
        if (slot == NONE || slots[slot].sequence < sequence)
        {
            return 0;
        }
        int copied = 0;
        for (; slot != NONE; slot = next[slot])
        {
            if (!sink.onRelease(slots[slot]))
            {
                return -1;
            }
            copied++;
        }
        return copied;
    }

    /** Whether a tick from {@code sequence} on is waiting. */
    boolean holdsFrom(final long sequence)
    {
        return tail != NONE && slots[tail].sequence >= sequence;
    }

    /** Forgets the status changes before {@code sequence}, which no session asks for any more (values are replaced anyway). */
    void forgetStatusesBefore(final long sequence)
    {
        int slot = head;
        while (slot != NONE && slots[slot].sequence < sequence)
        {
            final int following = next[slot];
            if (slots[slot].isStatus())
            {
                release(slot, slots[slot]);
            }
            slot = following;
        }
    }

    /** Forgets every waiting tick of an instrument (it was unsubscribed). */
    void remove(final int instrumentId)
    {
        int slot = head;
        while (slot != NONE)
        {
            final int following = next[slot];
            if (slots[slot].instrumentId == instrumentId)
            {
                release(slot, slots[slot]);
            }
            slot = following;
        }
    }

    void clear()
    {
        while (head != NONE)
        {
            release(head, slots[head]);
        }
        merged = 0;
    }

    private void release(final int slot, final Tick tick)
    {
        if (!tick.isStatus())
        {
            final int[] latest = tick.isTrade() ? tradeSlot : quoteSlot;
            latest[tick.instrumentId] = NONE;
        }
        unlink(slot);
        free[freeCount++] = slot;
    }

    private int allocate()
    {
        if (freeCount == 0)
        {
            growSlots(Math.max(16, slots.length * 2));
        }
        return free[--freeCount];
    }

    private void linkLast(final int slot)
    {
        previous[slot] = tail;
        next[slot] = NONE;
        if (tail == NONE)
        {
            head = slot;
        }
        else
        {
            next[tail] = slot;
        }
        tail = slot;
        size++;
    }

    private void unlink(final int slot)
    {
        final int before = previous[slot];
        final int after = next[slot];
        if (before == NONE)
        {
            head = after;
        }
        else
        {
            next[before] = after;
        }
        if (after == NONE)
        {
            tail = before;
        }
        else
        {
            previous[after] = before;
        }
        size--;
    }

    private void growSlots(final int capacity)
    {
        final int old = slots.length;
        slots = Arrays.copyOf(slots, capacity);
        next = Arrays.copyOf(next, capacity);
        previous = Arrays.copyOf(previous, capacity);
        free = Arrays.copyOf(free, capacity);
        for (int slot = capacity - 1; slot >= old; slot--)
        {
            slots[slot] = new Tick();
            free[freeCount++] = slot;
        }
    }

    private void growInstruments(final int count)
    {
        final int old = tradeSlot.length;
        final int capacity = Math.max(count, old * 2);
        tradeSlot = Arrays.copyOf(tradeSlot, capacity);
        quoteSlot = Arrays.copyOf(quoteSlot, capacity);
        Arrays.fill(tradeSlot, old, capacity, NONE);
        Arrays.fill(quoteSlot, old, capacity, NONE);
    }
}
