package dev.ticker.simulator;

import dev.ticker.proto.v1.Instrument;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an instrument universe from CSV, one instrument a line:
 * {@code symbol,name,sector,currency,time_zone,session_open,session_close,price_decimals,
 * price_increment,lot_size,reference_price}. Blank lines and lines starting with {@code #} are
 * skipped. Session times are {@code HH:MM} in the exchange time zone; prices are integers in units
 * of 10^-price_decimals. A bad line fails the whole file with its name, line, field and reason.
 */
public final class InstrumentFile
{
    static final String DEFAULT_RESOURCE = "default-instruments.csv";
    private static final String[] FIELDS = {
        "symbol", "name", "sector", "currency", "time_zone", "session_open", "session_close",
        "price_decimals", "price_increment", "lot_size", "reference_price"};

    private InstrumentFile()
    {
    }

    /** The universe that ships with the simulator. */
    public static List<Instrument> defaults()
    {
        try (InputStream in = InstrumentFile.class.getResourceAsStream(DEFAULT_RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the simulator jar");
            }
            return parse(DEFAULT_RESOURCE, in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads the universe in {@code file}.
     *
     * @throws InstrumentFileException naming file, line, field and reason for the first bad line.
     */
    public static List<Instrument> load(final Path file)
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return parse(file.toString(), in);
        }
        catch (final NoSuchFileException ex)
        {
            throw new InstrumentFileException(file + ": no such file", ex);
        }
        catch (final IOException ex)
        {
            throw new InstrumentFileException(file + ": cannot be read: " + ex.getClass().getSimpleName() +
                (null == ex.getMessage() ? "" : " (" + ex.getMessage() + ")"), ex);
        }
    }

    static List<Instrument> parse(final String source, final InputStream in) throws IOException
    {
        final List<Instrument> instruments = new ArrayList<>();
        final Set<String> symbols = new HashSet<>();
        final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNumber = 0;
        while (null != (line = reader.readLine()))
        {
            lineNumber++;
            final String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                continue;
            }
            final String[] values = trimmed.split(",", -1);
            final String where = source + ":" + lineNumber + ": ";
            if (values.length != FIELDS.length)
            {
                throw new InstrumentFileException(where + "expected " + FIELDS.length + " fields (" +
                    String.join(",", FIELDS) + ") but found " + values.length);
            }
            final Instrument instrument = parseLine(where, values);
            if (!symbols.add(instrument.getSymbol()))
            {
                throw new InstrumentFileException(where + "field symbol='" + instrument.getSymbol() + "': duplicate symbol");
            }
            instruments.add(instrument.toBuilder().setId(instruments.size()).build());
        }
        if (instruments.isEmpty())
        {
            throw new InstrumentFileException(source + ": no instruments defined");
        }
        return instruments;
    }

    private static Instrument parseLine(final String where, final String[] values)
    {
        final String symbol = values[0].strip();
        if (symbol.isEmpty() || !symbol.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')))
        {
            throw new InstrumentFileException(where + "field symbol='" + symbol + "': must be non-empty letters, digits, '.', '-' or '_'");
        }
        final String zone = values[4].strip();
        try
        {
            ZoneId.of(zone);
        }
        catch (final DateTimeException ex)
        {
            throw new InstrumentFileException(where + "field time_zone='" + zone + "': not a known time zone");
        }
        final int open = minuteOfDay(where, FIELDS[5], values[5]);
        final int close = minuteOfDay(where, FIELDS[6], values[6]);
        if (close <= open)
        {
            throw new InstrumentFileException(where + "field session_close='" + values[6].strip() + "': must be after session_open");
        }
        final long decimals = number(where, 7, values[7], 0, 9);
        final long increment = number(where, 8, values[8], 1, Long.MAX_VALUE);
        final long lot = number(where, 9, values[9], 1, Long.MAX_VALUE);
        final long reference = number(where, 10, values[10], 1, Long.MAX_VALUE);
        if (reference % increment != 0)
        {
            throw new InstrumentFileException(where + "field reference_price='" + values[10].strip() +
                "': not a multiple of price_increment " + increment);
        }
        return Instrument.newBuilder()
            .setSymbol(symbol)
            .setName(values[1].strip())
            .setSector(values[2].strip())
            .setCurrency(values[3].strip())
            .setTimeZone(zone)
            .setSessionOpenMinute(open)
            .setSessionCloseMinute(close)
            .setPriceDecimals((int)decimals)
            .setPriceIncrement(increment)
            .setLotSize(lot)
            .setReferencePrice(reference)
            .build();
    }

    private static int minuteOfDay(final String where, final String field, final String raw)
    {
        final String value = raw.strip();
        final int colon = value.indexOf(':');
        try
        {
            if (colon > 0)
            {
                final int hours = Integer.parseInt(value.substring(0, colon));
                final int minutes = Integer.parseInt(value.substring(colon + 1));
                final int minute = hours * 60 + minutes;
                if (hours >= 0 && minutes >= 0 && minutes < 60 && minute <= 24 * 60)
                {
                    return minute;
                }
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new InstrumentFileException(where + "field " + field + "='" + value + "': expected HH:MM between 00:00 and 24:00");
    }

    private static long number(final String where, final int field, final String raw, final long min, final long max)
    {
        final String value = raw.strip();
        try
        {
            final long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max)
            {
                return parsed;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new InstrumentFileException(where + "field " + FIELDS[field] + "='" + value + "': expected an integer " +
            (max == Long.MAX_VALUE ? ">= " + min : "from " + min + " to " + max));
    }
}
