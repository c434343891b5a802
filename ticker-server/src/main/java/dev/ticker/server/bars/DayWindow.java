package dev.ticker.server.bars;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The trading day of one instrument: the calendar date in its time zone. Remembers the bounds of
 * the last day asked for, so that finding the day of a tick allocates only when the day changes.
 * Not thread-safe.
 */
public final class DayWindow
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ZoneId zone;
    private long startNs = Long.MAX_VALUE;
    private long endNs = Long.MIN_VALUE;

    public DayWindow(final ZoneId zone)
    {
        this.zone = zone;
    }

    /** The zone of an IANA name; UTC for an empty or unknown one. */
    public static ZoneId zoneOf(final String timeZone)
    {
        if (null == timeZone || timeZone.isEmpty())
        {
            return ZoneOffset.UTC;
        }
        try
        {
            return ZoneId.of(timeZone);
        }
        catch (final DateTimeException ex)
        {
            return ZoneOffset.UTC;
        }
    }

    ZoneId zone()
    {
        return zone;
    }

    /** Epoch ns of local midnight that starts the day holding {@code timeNs}. */
    public long dayStartNs(final long timeNs)
    {
        if (timeNs < startNs || timeNs >= endNs)
        {
            final LocalDate date = date(timeNs);
            startNs = startOf(date);
            endNs = startOf(date.plusDays(1));
        }
        return startNs;
    }

    /** The local date of {@code timeNs}. */
    public LocalDate date(final long timeNs)
    {
        return LocalDate.ofInstant(instant(timeNs), zone);
    }

    public long startOf(final LocalDate date)
    {
        final Instant start = date.atStartOfDay(zone).toInstant();
        return start.getEpochSecond() * NANOS_PER_SECOND + start.getNano();
    }

    public static Instant instant(final long timeNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(timeNs, NANOS_PER_SECOND), Math.floorMod(timeNs, NANOS_PER_SECOND));
    }
}
