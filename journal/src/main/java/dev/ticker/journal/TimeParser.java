package dev.ticker.journal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * The one rule by which a time written by a person becomes epoch nanoseconds, so that the same
 * text means the same instant in an import, a replay window, an export of bars and the HTTP API
 * (the rule is documented in {@code docs/times.md}):
 * <ol>
 *   <li>ISO-8601 with an offset or a zone is that instant: {@code 2026-11-20T14:30:00.125Z},
 *       {@code 2026-11-20T09:30-05:00}, {@code 2026-11-20T09:30:00+09:00[Asia/Tokyo]},
 *       {@code 2026-11-20T09:30[America/New_York]};</li>
 *   <li>ISO-8601 without one ({@code 2026-11-20T09:30}, {@code 2026-11-20 09:30:00.125}, or a date
 *       {@code 2026-11-20} for its midnight) is read in the zone the caller names;</li>
 *   <li>an integer counts {@link EpochUnit units} since 1970-01-01T00:00Z: the unit the caller
 *       names, else the only unit that puts it between {@link #INFERRED_FROM} and
 *       {@link #INFERRED_TO}; a value that no unit puts there is refused, never guessed.</li>
 * </ol>
 * A space may replace the {@code T}, and {@code z} the {@code Z}; nanosecond precision is kept.
 */
public final class TimeParser
{
    /** The earliest instant an integer of unstated unit may stand for. */
    public static final Instant INFERRED_FROM = Instant.parse("1990-01-01T00:00:00Z");
    /** The instant an integer of unstated unit must stand before. */
    public static final Instant INFERRED_TO = Instant.parse("2100-01-01T00:00:00Z");

    static final String FORMS = "an ISO-8601 time (2026-11-20T14:30:00.125Z, 2026-11-20T09:30-05:00, " +
        "2026-11-20T09:30[America/New_York], 2026-11-20 09:30, 2026-11-20) or an integer count since 1970 (s, ms, us or ns)";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The unit of an integer time: seconds, milliseconds, microseconds or nanoseconds since 1970-01-01T00:00Z. */
    public enum EpochUnit
    {
        S(NANOS_PER_SECOND, "seconds"),
        MS(1_000_000L, "milliseconds"),
        US(1_000L, "microseconds"),
        NS(1L, "nanoseconds");

        private final long nanos;
        private final String description;

        EpochUnit(final long nanos, final String description)
        {
            this.nanos = nanos;
            this.description = description;
        }

        /** {@code count} of this unit in epoch nanoseconds; throws {@link ArithmeticException} beyond 64 bits. */
        public long toNanos(final long count)
        {
            return Math.multiplyExact(count, nanos);
        }

        /** "epoch milliseconds" and so on. */
        public String description()
        {
            return "epoch " + description;
        }

        /** The unit written as {@code s}, {@code ms}, {@code us} or {@code ns}, any case. */
        public static EpochUnit of(final String name)
        {
            for (final EpochUnit unit : values())
            {
                if (unit.name().equalsIgnoreCase(name.strip()))
                {
                    return unit;
                }
            }
            throw new IllegalArgumentException("'" + name + "': expected s, ms, us or ns");
        }

        @Override
        public String toString()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private TimeParser()
    {
    }

    /**
     * Epoch nanoseconds of {@code text} by the rule above.
     *
     * @param zone where a time without offset or zone is read; null refuses such a time.
     * @param unit the unit of an integer; null to infer it.
     * @throws IllegalArgumentException saying why the text is no time (without repeating the text).
     */
    public static long epochNs(final String text, final ZoneId zone, final EpochUnit unit)
    {
        final String value = text.strip();
        if (value.isEmpty())
        {
            throw new IllegalArgumentException("missing");
        }
        if (isInteger(value))
        {
            return integerNs(value, unit);
        }
        final ZonedDateTime at = dateTime(value, zone);
        try
        {
            return Math.addExact(Math.multiplyExact(at.toEpochSecond(), NANOS_PER_SECOND), at.getNano());
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("beyond the range of epoch nanoseconds (1677 to 2262)", ex);
        }
    }

    /**
     * The unit an integer time is read in: {@code unit} when stated, else the inferred one; null when
     * {@code text} is not an integer (an ISO-8601 time).
     *
     * @throws IllegalArgumentException when no unit puts the integer between 1990 and 2100.
     */
    public static EpochUnit unitOf(final String text, final EpochUnit unit)
    {
        final String value = text.strip();
        if (!isInteger(value))
        {
            return null;
        }
        return null != unit ? unit : inferUnit(value);
    }

    /**
     * The only unit that puts {@code count} between {@link #INFERRED_FROM} and {@link #INFERRED_TO}.
     *
     * @throws IllegalArgumentException when none does (or, were the ranges ever to overlap, when more than one does).
     */
    public static EpochUnit inferUnit(final long count)
    {
        EpochUnit found = null;
        for (final EpochUnit candidate : EpochUnit.values())
        {
            final long from = candidate == EpochUnit.S ? INFERRED_FROM.getEpochSecond() :
                Math.multiplyExact(INFERRED_FROM.getEpochSecond(), NANOS_PER_SECOND / candidate.nanos);
            final long to = candidate == EpochUnit.S ? INFERRED_TO.getEpochSecond() :
                Math.multiplyExact(INFERRED_TO.getEpochSecond(), NANOS_PER_SECOND / candidate.nanos);
            if (count >= from && count < to)
            {
                if (null != found)
                {
                    throw new IllegalArgumentException("read as " + found.description() + " or " + candidate.description() +
                        " it falls between 1990 and 2100 either way; state the unit");
                }
                found = candidate;
            }
        }
        if (null == found)
        {
            throw new IllegalArgumentException("no unit (s, ms, us or ns) puts it between 1990 and 2100; " +
                "state the unit or write an ISO-8601 time such as 2026-11-20T14:30:00Z");
        }
        return found;
    }

    private static EpochUnit inferUnit(final String value)
    {
        try
        {
            return inferUnit(Long.parseLong(value));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("beyond the range of a 64-bit integer", ex);
        }
    }

    private static long integerNs(final String value, final EpochUnit unit)
    {
        final long count;
        try
        {
            count = Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("beyond the range of a 64-bit integer", ex);
        }
        final EpochUnit read = null != unit ? unit : inferUnit(count);
        try
        {
            return read.toNanos(count);
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("as " + read.description() + " beyond the range of epoch nanoseconds (1677 to 2262)", ex);
        }
    }

    private static ZonedDateTime dateTime(final String value, final ZoneId zone)
    {
        try
        {
            String text = value.length() > 10 && value.charAt(10) == ' ' ? value.substring(0, 10) + 'T' + value.substring(11) : value;
            if (text.endsWith("z"))
            {
                text = text.substring(0, text.length() - 1) + 'Z';
            }
            final int zoneStart = text.indexOf('[');
            if (zoneStart > 0 && text.endsWith("]") && !hasOffset(text.substring(0, zoneStart)))
            {
                // a local time in a named zone: ISO_DATE_TIME takes a zone only after an offset
                final ZoneId named = ZoneId.of(text.substring(zoneStart + 1, text.length() - 1));
                return localDateTime(text.substring(0, zoneStart)).atZone(named);
            }
            final TemporalAccessor parsed = text.length() == 10 ?
                LocalDate.parse(text) :
                DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
            if (parsed instanceof ZonedDateTime zoned)
            {
                return zoned;
            }
            if (null == zone)
            {
                throw new IllegalArgumentException("has no offset or zone; add one, e.g. Z for UTC");
            }
            return parsed instanceof LocalDate date ? date.atStartOfDay(zone) : ((LocalDateTime)parsed).atZone(zone);
        }
        catch (final DateTimeException ex)
        {
            throw new IllegalArgumentException("expected " + FORMS, ex);
        }
    }

    private static LocalDateTime localDateTime(final String text)
    {
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
    }

    private static boolean hasOffset(final String text)
    {
        final int time = text.indexOf('T');
        return time > 0 && (text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0 || text.indexOf('Z', time) > 0);
    }

    /** Whether {@code text} is an optionally negative run of ASCII digits. */
    public static boolean isInteger(final String text)
    {
        final int start = text.startsWith("-") ? 1 : 0;
        if (text.length() <= start)
        {
            return false;
        }
        for (int i = start; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }
}
