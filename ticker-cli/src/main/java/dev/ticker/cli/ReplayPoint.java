package dev.ticker.cli;

import dev.ticker.journal.TimeParser;
import picocli.CommandLine;

import java.time.ZoneId;

/**
 * A point of a replay window as the user writes it: a journal sequence ({@code seq:12345}) or a
 * time by the project's one rule ({@link TimeParser}, docs/times.md). A time with an offset or a
 * zone ({@code 2026-11-20T14:30:00Z}, {@code 2026-11-20T09:30-05:00},
 * {@code 2026-11-20T09:30[America/New_York]}) is that instant; a local date-time or a date
 * ({@code 2026-11-20T09:30}, {@code 2026-11-20}) is read in the zone of {@code --zone}, UTC by
 * default, so that the same command means the same window on every machine; an integer is a count
 * since 1970 in the one unit (s, ms, us, ns) that puts it between 1990 and 2100.
 */
final class ReplayPoint
{
    static final String SEQUENCE_PREFIX = "seq:";

    private final String text;
    private final long sequence;

    private ReplayPoint(final String text, final long sequence)
    {
        this.text = text;
        this.sequence = sequence;
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
                return new ReplayPoint(text, sequence);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("'" + text + "': expected seq: and a journal sequence, e.g. seq:12345", ex);
            }
        }
        try
        {
            // checked now, in UTC, so that a malformed time is a usage error; read again in --zone later
            TimeParser.epochNs(value, ZoneId.of("UTC"), null);
            return new ReplayPoint(value, 0);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("'" + text + "': " + ex.getMessage() + "; or a journal sequence (seq:12345)", ex);
        }
    }

    boolean isSequence()
    {
        return sequence > 0;
    }

    long sequence()
    {
        return sequence;
    }

    /** The point's time in epoch nanoseconds, reading a local time in {@code zone}. */
    long epochNs(final ZoneId zone)
    {
        return TimeParser.epochNs(text, zone, null);
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
