package dev.ticker.simulator;

import dev.ticker.proto.v1.Instrument;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an instrument universe from CSV. The first line that is not blank or a {@code #} comment
 * names the columns (any order); each further line is one instrument. Required columns:
 * {@code symbol, name, sector, currency, time_zone, session_open, session_close, price_decimals,
 * price_increment, lot_size, reference_price}; optional, for the simulator only: {@code exchange},
 * {@code volatility} (annualised, default 0.25), {@code average_daily_volume} (default 1000000),
 * and the venue's hours beyond its session: {@code break_start} and {@code break_end} (a lunch
 * break, both or neither, empty for none) and {@code trading_days} ({@code Mon-Fri} by default;
 * {@code Mon-Sun}, or days as {@code Mon,Tue,...}).
 * Session times are {@code HH:MM} in the exchange time zone; prices are integers in units of
 * 10^-price_decimals. A bad line fails the whole file with its name, line, field and reason.
 */
public final class InstrumentFile
{
    static final String DEFAULT_RESOURCE = "default-instruments.csv";

    static final List<String> REQUIRED = List.of(
        "symbol", "name", "sector", "currency", "time_zone", "session_open", "session_close",
        "price_decimals", "price_increment", "lot_size", "reference_price");
    static final List<String> OPTIONAL = List.of("exchange", "volatility", "average_daily_volume", "break_start", "break_end",
        "trading_days");

    private static final Pattern CSV_ERROR = Pattern.compile("\\(startline (\\d+)\\)(.*)");

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
        .setCommentMarker('#')
        .setIgnoreEmptyLines(true)
        .setIgnoreSurroundingSpaces(true)
        .get();

    private InstrumentFile()
    {
    }

    /** The universe that ships with the simulator. */
    public static List<SimulatedInstrument> defaults()
    {
        try (InputStream in = InstrumentFile.class.getResourceAsStream(DEFAULT_RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the simulator jar");
            }
            return parse(DEFAULT_RESOURCE, new InputStreamReader(in, StandardCharsets.UTF_8));
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
    public static List<SimulatedInstrument> load(final Path file)
    {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return parse(file.toString(), reader);
        }
        catch (final NoSuchFileException ex)
        {
            throw new InstrumentFileException(file + ": no such file", ex);
        }
        catch (final UncheckedIOException ex)
        {
            throw new InstrumentFileException(file + ": cannot be read: " + describe(ex.getCause()), ex);
        }
        catch (final IOException ex)
        {
            throw new InstrumentFileException(file + ": cannot be read: " + describe(ex), ex);
        }
    }

    /** The instruments of {@code universe} as catalogue definitions, in file order. */
    public static List<Instrument> definitions(final List<SimulatedInstrument> universe)
    {
        return universe.stream().map(SimulatedInstrument::instrument).toList();
    }

    static List<SimulatedInstrument> parse(final String source, final Reader reader) throws IOException
    {
        final List<SimulatedInstrument> instruments = new ArrayList<>();
        final Set<String> symbols = new HashSet<>();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get())
        {
            Map<String, Integer> columns = null;
            for (final CSVRecord record : parser)
            {
                final long line = lineOf(record, parser);
                final String where = source + ":" + line + ": ";
                if (null == columns)
                {
                    columns = header(where, record);
                    continue;
                }
                if (record.size() != columns.size())
                {
                    throw new InstrumentFileException(where + "expected " + columns.size() + " fields, as the header names, but found " +
                        record.size());
                }
                final SimulatedInstrument instrument = parseLine(where, record, columns);
                if (!symbols.add(instrument.symbol()))
                {
                    throw new InstrumentFileException(where + "field symbol='" + instrument.symbol() + "': duplicate symbol");
                }
                instruments.add(instrument.withInstrument(instrument.instrument().toBuilder().setId(instruments.size()).build()));
            }
        }
        catch (final IllegalStateException | UncheckedIOException ex)
        {
            if (ex.getCause() instanceof IOException io)
            {
                throw new InstrumentFileException(notValidCsv(source, io), ex);
            }
            throw ex;
        }
        if (instruments.isEmpty())
        {
            throw new InstrumentFileException(source + ": no instruments defined");
        }
        return instruments;
    }

    /**
     * Says where and why a file is not valid CSV, as {@code FILE:LINE: not valid CSV: why}: the
     * parser's message names the line the broken record starts on.
     */
    public static String notValidCsv(final String source, final IOException ex)
    {
        final String message = String.valueOf(ex.getMessage());
        final Matcher matcher = CSV_ERROR.matcher(message);
        return matcher.find() ?
            source + ":" + matcher.group(1) + ": not valid CSV: " + matcher.group(2).strip() :
            source + ": not valid CSV: " + message;
    }

    /**
     * The line (from 1) that {@code record}, just read, starts on: the parser stands on the record's
     * last line, which is later than its first only when a quoted field holds line breaks.
     */
    public static long lineOf(final CSVRecord record, final CSVParser parser)
    {
        return parser.getCurrentLineNumber() - countBreaks(record);
    }

    private static long countBreaks(final CSVRecord record)
    {
        long breaks = 0;
        for (final String value : record)
        {
            for (int i = 0; i < value.length(); i++)
            {
                breaks += value.charAt(i) == '\n' ? 1 : 0;
            }
        }
        return breaks;
    }

    private static Map<String, Integer> header(final String where, final CSVRecord record)
    {
        final Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < record.size(); i++)
        {
            final String name = record.get(i).strip().toLowerCase(Locale.ROOT);
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name))
            {
                throw new InstrumentFileException(where + "header column " + (i + 1) + " '" + record.get(i) +
                    "': not a known column; the first line names the columns: " + String.join(",", REQUIRED) +
                    " and optionally " + String.join(",", OPTIONAL));
            }
            if (null != columns.put(name, i))
            {
                throw new InstrumentFileException(where + "header column '" + name + "': named twice");
            }
        }
        final Set<String> missing = new LinkedHashSet<>(REQUIRED);
        missing.removeAll(columns.keySet());
        if (!missing.isEmpty())
        {
            throw new InstrumentFileException(where + "header: missing column(s) " + String.join(",", missing));
        }
        return columns;
    }

    private static SimulatedInstrument parseLine(final String where, final CSVRecord record, final Map<String, Integer> columns)
    {
        final String symbol = value(record, columns, "symbol");
        if (symbol.isEmpty() || !symbol.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')))
        {
            throw new InstrumentFileException(where + "field symbol='" + symbol + "': must be non-empty letters, digits, '.', '-' or '_'");
        }
        final String zone = value(record, columns, "time_zone");
        try
        {
            ZoneId.of(zone);
        }
        catch (final DateTimeException ex)
        {
            throw new InstrumentFileException(where + "field time_zone='" + zone + "': not a known time zone");
        }
        final int open = minuteOfDay(where, "session_open", value(record, columns, "session_open"));
        final int close = minuteOfDay(where, "session_close", value(record, columns, "session_close"));
        if (close <= open)
        {
            throw new InstrumentFileException(where + "field session_close='" + value(record, columns, "session_close") +
                "': must be after session_open");
        }
        final long decimals = number(where, record, columns, "price_decimals", 0, 9);
        final long increment = number(where, record, columns, "price_increment", 1, Long.MAX_VALUE);
        final long lot = number(where, record, columns, "lot_size", 1, Long.MAX_VALUE);
        final long reference = number(where, record, columns, "reference_price", 1, Long.MAX_VALUE);
        if (reference % increment != 0)
        {
            throw new InstrumentFileException(where + "field reference_price='" + reference +
                "': not a multiple of price_increment " + increment);
        }
        final double volatility = columns.containsKey("volatility") ?
            decimal(where, "volatility", value(record, columns, "volatility"), 0.0, 5.0) : SimulatedInstrument.DEFAULT_VOLATILITY;
        final long averageDailyVolume = columns.containsKey("average_daily_volume") ?
            number(where, record, columns, "average_daily_volume", 1, 1_000_000_000_000L) :
            SimulatedInstrument.DEFAULT_AVERAGE_DAILY_VOLUME;
        final Instrument instrument = Instrument.newBuilder()
            .setSymbol(symbol)
            .setName(value(record, columns, "name"))
            .setSector(value(record, columns, "sector"))
            .setCurrency(value(record, columns, "currency"))
            .setTimeZone(zone)
            .setSessionOpenMinute(open)
            .setSessionCloseMinute(close)
            .setPriceDecimals((int)decimals)
            .setPriceIncrement(increment)
            .setLotSize(lot)
            .setReferencePrice(reference)
            .build();
        final String exchange = columns.containsKey("exchange") ? value(record, columns, "exchange") : "";
        return new SimulatedInstrument(instrument, exchange, volatility, averageDailyVolume, hours(where, record, columns, instrument));
    }

    private static VenueHours hours(final String where, final CSVRecord record, final Map<String, Integer> columns, final Instrument instrument)
    {
        VenueHours hours = VenueHours.of(instrument);
        final String breakStart = columns.containsKey("break_start") ? value(record, columns, "break_start") : "";
        final String breakEnd = columns.containsKey("break_end") ? value(record, columns, "break_end") : "";
        if (breakStart.isEmpty() != breakEnd.isEmpty())
        {
            throw new InstrumentFileException(where + "fields break_start='" + breakStart + "', break_end='" + breakEnd +
                "': give both (a lunch break) or neither");
        }
        if (!breakStart.isEmpty())
        {
            final int start = minuteOfDay(where, "break_start", breakStart);
            final int end = minuteOfDay(where, "break_end", breakEnd);
            if (start <= instrument.getSessionOpenMinute() || end <= start || end >= instrument.getSessionCloseMinute())
            {
                throw new InstrumentFileException(where + "fields break_start='" + breakStart + "', break_end='" + breakEnd +
                    "': the break must start after session_open, end after it starts and before session_close");
            }
            hours = hours.withBreak(start, end);
        }
        final String days = columns.containsKey("trading_days") ? value(record, columns, "trading_days") : "";
        return days.isEmpty() ? hours : hours.withDays(daysMask(where, days));
    }

    /** {@code Mon-Fri}, {@code Mon-Sun}, {@code Sun-Thu} or a list {@code Mon,Wed,Fri}. */
    static int daysMask(final String where, final String days)
    {
        int mask = 0;
        for (final String part : days.split(",", -1))
        {
            final String[] range = part.strip().split("-", -1);
            if (range.length > 2)
            {
                throw badDays(where, days);
            }
            final int first = day(where, days, range[0]);
            final int last = range.length == 2 ? day(where, days, range[1]) : first;
            for (int d = first; ; d = (d + 1) % 7)
            {
                mask |= 1 << d;
                if (d == last)
                {
                    break;
                }
            }
        }
        return mask;
    }

    private static int day(final String where, final String days, final String name)
    {
        final String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (final DayOfWeek day : DayOfWeek.values())
        {
            if (wanted.length() >= 3 && day.name().toLowerCase(Locale.ROOT).startsWith(wanted))
            {
                return day.getValue() - 1;
            }
        }
        throw badDays(where, days);
    }

    private static InstrumentFileException badDays(final String where, final String days)
    {
        return new InstrumentFileException(where + "field trading_days='" + days +
            "': expected days as Mon-Fri, Mon-Sun or Mon,Wed,Fri (Mon Tue Wed Thu Fri Sat Sun)");
    }

    private static String value(final CSVRecord record, final Map<String, Integer> columns, final String column)
    {
        return record.get(columns.get(column)).strip();
    }

    private static int minuteOfDay(final String where, final String field, final String value)
    {
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

    private static long number(
        final String where, final CSVRecord record, final Map<String, Integer> columns, final String field, final long min, final long max)
    {
        final String value = value(record, columns, field);
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
        throw new InstrumentFileException(where + "field " + field + "='" + value + "': expected an integer " +
            (max == Long.MAX_VALUE ? ">= " + min : "from " + min + " to " + max));
    }

    private static double decimal(final String where, final String field, final String value, final double min, final double max)
    {
        try
        {
            final double parsed = Double.parseDouble(value);
            if (parsed > min && parsed <= max)
            {
                return parsed;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new InstrumentFileException(where + "field " + field + "='" + value + "': expected a number above " + min +
            " and at most " + max);
    }

    private static String describe(final IOException ex)
    {
        return ex.getClass().getSimpleName() + (null == ex.getMessage() ? "" : " (" + ex.getMessage() + ")");
    }
}
