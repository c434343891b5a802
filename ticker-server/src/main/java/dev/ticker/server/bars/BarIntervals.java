package dev.ticker.server.bars;

import dev.ticker.proto.v1.BarInterval;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bar intervals the server builds, by a dense index (the {@link BarInterval} number - 1) so that
 * per-interval state lives in arrays. Intraday bars start at multiples of their length since the
 * UTC epoch; the daily bar starts at local midnight of the instrument's time zone (its trading day,
 * as in {@code DayStats}), so its length varies with daylight saving.
 */
public final class BarIntervals
{
    public static final int COUNT = 7;
    /** Index of the daily interval. */
    static final int DAY = 6;
    /** A bit mask with every interval. */
    static final int ALL_MASK = (1 << COUNT) - 1;

    private static final long[] LENGTH_NS = {
        TimeUnit.SECONDS.toNanos(1),
        TimeUnit.SECONDS.toNanos(5),
        TimeUnit.MINUTES.toNanos(1),
        TimeUnit.MINUTES.toNanos(5),
        TimeUnit.MINUTES.toNanos(15),
        TimeUnit.HOURS.toNanos(1),
        TimeUnit.DAYS.toNanos(1),
    };
    private static final String[] NAMES = {"1s", "5s", "1m", "5m", "15m", "1h", "1d"};

    private BarIntervals()
    {
    }

    /** The index of {@code interval}, or -1 for one the server does not build. */
    static int index(final BarInterval interval)
    {
        final int number = interval == BarInterval.UNRECOGNIZED ? -1 : interval.getNumber();
        return number >= 1 && number <= COUNT ? number - 1 : -1;
    }

    static BarInterval interval(final int index)
    {
        return BarInterval.forNumber(index + 1);
    }

    /**
     * The intervals as a bit mask (bit i for index i).
     *
     * @return -1 - position of the first interval the server does not build, when there is one.
     */
    public static int mask(final List<BarInterval> intervals)
    {
        int mask = 0;
        for (int i = 0; i < intervals.size(); i++)
        {
            final int index = index(intervals.get(i));
            if (index < 0)
            {
                return -1 - i;
            }
            mask |= 1 << index;
        }
        return mask;
    }

    /** The nominal length; for the daily interval 24 hours (a trading day may be 23 or 25). */
    static long lengthNs(final int index)
    {
        return LENGTH_NS[index];
    }

    /** The start of the intraday bar holding {@code timeNs}: a multiple of the length since the epoch. */
    static long intradayStartNs(final int index, final long timeNs)
    {
        final long length = LENGTH_NS[index];
        return Math.floorDiv(timeNs, length) * length;
    }

    /** The short name used by the HTTP API, e.g. {@code 1m}. */
    static String name(final int index)
    {
        return NAMES[index];
    }

    /** The index of a short name ({@code 1s}, {@code 5s}, {@code 1m}, {@code 5m}, {@code 15m}, {@code 1h}, {@code 1d}), or -1. */
    public static int parse(final String name)
    {
        for (int i = 0; i < COUNT; i++)
        {
            if (NAMES[i].equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    public static String names()
    {
        return String.join(", ", NAMES);
    }
}
