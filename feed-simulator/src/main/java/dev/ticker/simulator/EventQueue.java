package dev.ticker.simulator;

/**
 * The instruments ordered by the time of their next event (ties by index, so the order is
 * deterministic): a binary min-heap of indices over the model's own array of next event times.
 * Only the earliest instrument's time changes between two events, so one sift from the top keeps
 * the order. Allocates nothing after construction. Not thread-safe.
 */
final class EventQueue
{
    private final long[] nextTimeNs;
    private final int[] heap;

    /**
     * @param nextTimeNs the next event time of each instrument, owned by the caller; call
     *                   {@link #onEarliestChanged()} after changing the earliest's.
     */
    EventQueue(final long[] nextTimeNs)
    {
        this.nextTimeNs = nextTimeNs;
        this.heap = new int[nextTimeNs.length];
        for (int i = 0; i < heap.length; i++)
        {
            heap[i] = i;
        }
        for (int k = heap.length / 2 - 1; k >= 0; k--)
        {
            siftDown(k);
        }
    }

    /** The instrument with the earliest next event. */
    int earliest()
    {
        return heap[0];
    }

    /** Restores the order after the earliest instrument's next event time changed. */
    void onEarliestChanged()
    {
        siftDown(0);
    }

    private void siftDown(final int from)
    {
        final int[] h = heap;
        final int n = h.length;
        int k = from;
        final int item = h[k];
        final long key = nextTimeNs[item];
        while (true)
        {
            final int left = 2 * k + 1;
            if (left >= n)
            {
                break;
            }
            int child = left;
            final int right = left + 1;
            if (right < n && before(h[right], h[left]))
            {
                child = right;
            }
            final int c = h[child];
            final long childKey = nextTimeNs[c];
            if (key < childKey || (key == childKey && item < c))
            {
                break;
            }
            h[k] = c;
            k = child;
        }
        h[k] = item;
    }

    private boolean before(final int a, final int b)
    {
        final long ta = nextTimeNs[a];
        final long tb = nextTimeNs[b];
        return ta < tb || (ta == tb && a < b);
    }
}
