package dev.ticker.cli;

import picocli.CommandLine;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A point of a replay window as the user writes it: a journal sequence ({@code seq:12345}) or a
 * time. A time with an offset or a zone ({@code 2026-11-20T14:30:00Z},
 * {@code 2026-11-20T09:30-05:00}, {@code 2026-11-20T09:30[America/New_York]}) is that instant; a
 * local date-time or a date ({@code 2026-11-20T09:30}, {@code 2026-11-20}) is read in the zone of
 * {@code --zone}, UTC by default, so that the same command means the same window on every machine.
 */
final class ReplayPoint
{
    static final String SEQUENCE_PREFIX = "seq:";

    private final String text;
    private final long sequence;
    private final Instant instant;
    private final LocalDateTime local;

    private ReplayPoint(final String text, final long sequence, final Instant instant, final LocalDateTime local)
    {
        this.text = text;
        this.sequence = sequence;
        this.instant = instant;
        this.local = local;
    }

    /**
     * Reads a point as written on the command line.
     *
     * @throws IllegalArgumentException saying which forms are accepted.
     */
    static ReplayPoint parse(final String text)
    {
        final String value = text.strip();
        if (value.regionMatches(true, 0, SEQUENCE_PREFIX, 0, SEQUENCE_PREFIX.length()))
        {
            final String digits = value.substring(SEQUENCE_PREFIX.length());
            try
            {
                final long sequence = Long.parseLong(digits);
                if (sequence < 1)
                {
                    throw new IllegalArgumentException("'" + text + "': a journal sequence starts at 1");
                }
                return new ReplayPoint(text, sequence, null, null);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("'" + text + "': expected seq: and a journal sequence, e.g. seq:12345", ex);
            }
        }
        try
        {
            final int zoneStart = value.indexOf('[');
            if (zoneStart > 0 && value.endsWith("]"))
            {
                final String dateTime = value.substring(0, zoneStart);
                final ZoneId zone = ZoneId.of(value.substring(zoneStart + 1, value.length() - 1));
                final ZonedDateTime at = hasOffset(dateTime) ?
                    ZonedDateTime.parse(value, DateTimeFormatter.ISO_ZONED_DATE_TIME) : LocalDateTime.parse(dateTime).atZone(zone);
                return new ReplayPoint(text, 0, at.toInstant(), null);
            }
            if (value.endsWith("Z") || value.endsWith("z") || (value.length() > 10 && hasOffset(value)))
            {
                return new ReplayPoint(text, 0, OffsetDateTime.parse(value.toUpperCase()).toInstant(), null);
            }
            if (value.length() == 10)
            {
                return new ReplayPoint(text, 0, null, LocalDate.parse(value).atStartOfDay());
            }
            return new ReplayPoint(text, 0, null, LocalDateTime.parse(value));
        }
        catch (final DateTimeException ex)
        {
            throw new IllegalArgumentException("'" + text + "': expected an ISO-8601 time (2026-11-20T14:30:00Z, " +
                "2026-11-20T09:30-05:00, 2026-11-20T09:30[America/New_York], 2026-11-20T14:30, 2026-11-20) " +
                "or a journal sequence (seq:12345)", ex);
        }
    }

    private static boolean hasOffset(final String value)
    {
        final int time = value.indexOf('T');
        return time > 0 && (value.indexOf('+', time) > 0 || value.indexOf('-', time) > 0);
    }

    boolean isSequence()
    {
        return null == instant && null == local;
    }

    long sequence()
    {
        return sequence;
    }

    /** The point's time in epoch nanoseconds, reading a local time in {@code zone}. */
    long epochNs(final ZoneId zone)
    {
        final Instant at = null != instant ? instant : local.atZone(zone).toInstant();
        try
        {
            return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is beyond the range of epoch nanoseconds", ex);
        }
    }

    @Override
    public String toString()
    {
        return text;
    }

    /** Turns a flag's text into a point; a malformed one is a usage error (exit code 2). */
    static final class Converter implements CommandLine.ITypeConverter<ReplayPoint>
    {
        @Override
        public ReplayPoint convert(final String value)
        {
            try
            {
                return parse(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException(ex.getMessage());
            }
        }
    }
}
