package dev.ticker.server.bars;

/**
 * The bars of one instrument at one interval, oldest first, in a ring of primitive longs that
 * keeps at most {@code limit} bars (the oldest drop out). A trade either grows the bar in progress
 * or starts the next one; a trade stamped earlier than the bar in progress (a clock step back)
 * counts in the bar in progress, so that bars only ever move forward in journal order, live and
 * recomputed alike. Adding a trade allocates nothing except when the ring grows towards its limit.
 *
 * <p>Written by one thread. Readers on other threads read under the instrument's optimistic
 * lock ({@link BarStore}) and must tolerate inconsistent values until they validate; every index is
 * masked, so an inconsistent read never leaves the array.
 */
public final class BarSeries
{
    public static final int START = 0;
    public static final int OPEN = 1;
    public static final int HIGH = 2;
    public static final int LOW = 3;
    public static final int CLOSE = 4;
    public static final int VOLUME = 5;
    public static final int COUNT = 6;
    public static final int LAST_SEQUENCE = 7;
    static final int STRIDE = 8;

    private static final int INITIAL_BARS = 16;

    private final int limit;
    /** Bar n (counted from the first ever) is at slot n & (capacity - 1). */
    public long[] bars;
    /** Bars ever started. */
    long total;
    /** Bars held: the newest {@code size} of {@code total}. */
    public int size;

    BarSeries(final int limit)
    {
        this.limit = limit;
        this.bars = new long[Math.min(INITIAL_BARS, Integer.highestOneBit(Math.max(1, limit - 1)) << 1) * STRIDE];
    }

    /** Adds a trade to the bar starting at {@code startNs} (or the bar in progress, if that is later). */
    void onTrade(final long startNs, final long price, final long size, final long sequence)
    {
        if (this.size == 0 || startNs > bars[offset(total - 1) + START])
        {
            final int bar = startBar();
            bars[bar + START] = startNs;
            bars[bar + OPEN] = price;
            bars[bar + HIGH] = price;
            bars[bar + LOW] = price;
            bars[bar + CLOSE] = price;
            bars[bar + VOLUME] = size;
            bars[bar + COUNT] = 1;
            bars[bar + LAST_SEQUENCE] = sequence;
        }
        else
        {
            final int bar = offset(total - 1);
            bars[bar + HIGH] = Math.max(bars[bar + HIGH], price);
            bars[bar + LOW] = Math.min(bars[bar + LOW], price);
            bars[bar + CLOSE] = price;
            bars[bar + VOLUME] += size;
            bars[bar + COUNT]++;
            bars[bar + LAST_SEQUENCE] = sequence;
        }
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    /** The start of the bar in progress; meaningful only when not empty. */
    long currentStartNs()
    {
        return bars[offset(total - 1) + START];
    }

    /** Offset in {@link #bars} of the i-th held bar, 0 the oldest. */
    public int held(final int i)
    {
        return offset(total - size + i);
    }

    /** The position (0 = oldest held) of the first bar starting at or after {@code startNs}; size when none. */
    public int firstAtOrAfter(final long startNs)
    {
        int low = 0;
        int high = size;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (bars[held(mid) + START] < startNs)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private int offset(final long n)
    {
        return (int)(n & (bars.length / STRIDE - 1)) * STRIDE;
    }

    private int startBar()
    {
        final int capacity = bars.length / STRIDE;
        if (size == capacity && capacity < limit)
        {
            grow(capacity * 2);
        }
        total++;
        if (size < limit)
        {
            size++;
        }
        return offset(total - 1);
    }

    private void grow(final int capacity)
    {
        final long[] grown = new long[capacity * STRIDE];
        for (long n = total - size; n < total; n++)
        {
            System.arraycopy(bars, offset(n), grown, (int)(n & (capacity - 1)) * STRIDE, STRIDE);
        }
        bars = grown;
    }
}
