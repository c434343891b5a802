package dev.ticker.simulator;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.JournalException;
import dev.ticker.journal.JournalStaging;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.Instrument;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Imports real trades and quotes from CSV into a new journal. Every line is checked (time, known
 * symbol, prices on the instrument's increment, sizes in whole lots, bid below ask) and every
 * problem is reported with file, line, field and reason; if there is any, nothing is written.
 *
 * <p>Out-of-order policy: the journal is in event-time order, so rows are sorted by time, stably
 * (rows with equal times keep their order in the file), and trades and quotes are merged, a
 * trade before a quote of the same time. How many rows were out of order is reported.
 *
 * <p>The journal appears complete or not at all ({@link JournalStaging}). The column mapping is in
 * {@code docs/import.md}.
 */
public final class CsvImporter
{
    /** Problems listed in an {@link ImportException}; all are counted. */
    public static final int MAX_PROBLEMS_LISTED = 20;

    static final List<String> TRADE_COLUMNS = List.of("time", "symbol", "price", "size");
    static final List<String> QUOTE_COLUMNS = List.of("time", "symbol", "bid_price", "bid_size", "ask_price", "ask_size");

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
        .setCommentMarker('#')
        .setIgnoreEmptyLines(true)
        .setIgnoreSurroundingSpaces(true)
        .get();
    private static final int PROGRESS_ROWS = 16_384;

    private final ImportConfiguration configuration;
    private final Map<String, Integer> bySymbol = new HashMap<>();
    private final List<SimulatedInstrument> universe;
    private final List<String> problems = new ArrayList<>();
    private long problemCount;
    private volatile boolean cancelled;

    public CsvImporter(final ImportConfiguration configuration)
    {
        this.configuration = configuration.validate();
        this.universe = configuration.instruments();
        for (int i = 0; i < universe.size(); i++)
        {
            bySymbol.put(universe.get(i).symbol(), i);
        }
    }

    /** Asks a running {@link #run(ProgressListener)} to stop soon and write nothing; any thread may call it. */
    public void cancel()
    {
        cancelled = true;
    }

    private void checkCancelled()
    {
        if (cancelled)
        {
            throw new JournalException("import cancelled; nothing was written");
        }
    }

    /** One trade or quote read from a file. */
    private record Row(long timeNs, int instrument, byte type, byte side, long price, long size, long askPrice, long askSize)
    {
    }

    /** The rows of one file and how many of them were out of order. */
    private record Rows(List<Row> rows, long outOfOrder)
    {
    }

    /**
     * Reads and checks both files, then writes the journal.
     *
     * @throws ImportException  listing the bad lines; nothing is written then.
     * @throws JournalException when the journal folder holds records already or cannot be written.
     */
    public ImportResult run(final ProgressListener progress)
    {
        // the target is checked before anything is read; the staging folder is gone unless committed
        try (JournalStaging staging = JournalStaging.create(configuration.journal(), configuration.replace()))
        {
            final Rows trades = null == configuration.trades() ? new Rows(List.of(), 0) :
                read(configuration.trades(), TickDescriptor.TYPE_TRADE, progress);
            final Rows quotes = null == configuration.quotes() ? new Rows(List.of(), 0) :
                read(configuration.quotes(), TickDescriptor.TYPE_QUOTE, progress);
            if (problemCount == 0 && trades.rows().isEmpty() && quotes.rows().isEmpty())
            {
                problem((null != configuration.trades() ? configuration.trades() : configuration.quotes()) +
                    ": no trades or quotes to import");
            }
            if (problemCount > 0)
            {
                throw new ImportException(problems, problemCount);
            }

            final Comparator<Row> byTime = Comparator.comparingLong(Row::timeNs);
            final List<Row> sortedTrades = new ArrayList<>(trades.rows());
            sortedTrades.sort(byTime);
            final List<Row> sortedQuotes = new ArrayList<>(quotes.rows());
            sortedQuotes.sort(byTime);

            final TickCounts counts = new TickCounts();
            final int instruments;
            try (TickJournal journal = TickJournal.open(staging.directory()); TickAppender appender = journal.appender())
            {
                final int[] journalId = catalogue(journal, sortedTrades, sortedQuotes);
                instruments = (int)Arrays.stream(journalId).filter(id -> id >= 0).count();
                write(sortedTrades, sortedQuotes, journalId, appender, counts, progress);
            }
            staging.commit();
            return new ImportResult(staging.target(), counts, instruments, trades.outOfOrder() + quotes.outOfOrder());
        }
    }

    /** Saves the catalogue of the instruments the rows name, in the instrument file's order; their journal ids by universe index. */
    private int[] catalogue(final TickJournal journal, final List<Row> trades, final List<Row> quotes)
    {
        final boolean[] used = new boolean[universe.size()];
        trades.forEach(row -> used[row.instrument()] = true);
        quotes.forEach(row -> used[row.instrument()] = true);
        final List<Instrument> definitions = new ArrayList<>();
        for (int i = 0; i < universe.size(); i++)
        {
            if (used[i])
            {
                definitions.add(universe.get(i).instrument());
            }
        }
        final InstrumentCatalog catalog = InstrumentCatalog.empty().merge(definitions);
        catalog.save(journal.directory());
        final int[] journalId = new int[universe.size()];
        for (int i = 0; i < universe.size(); i++)
        {
            journalId[i] = used[i] ? catalog.bySymbol(universe.get(i).symbol()).getId() : -1;
        }
        return journalId;
    }

    private void write(
        final List<Row> trades,
        final List<Row> quotes,
        final int[] journalId,
        final TickAppender appender,
        final TickCounts counts,
        final ProgressListener progress)
    {
        final long total = trades.size() + quotes.size();
        progress.onStart("Writing the journal", total, "ticks");
        final Tick tick = new Tick();
        int t = 0;
        int q = 0;
        long written = 0;
        while (t < trades.size() || q < quotes.size())
        {
            // a trade goes before a quote of the same time
            final Row row = q >= quotes.size() || (t < trades.size() && trades.get(t).timeNs() <= quotes.get(q).timeNs()) ?
                trades.get(t++) : quotes.get(q++);
            if (row.type() == TickDescriptor.TYPE_TRADE)
            {
                tick.trade(row.timeNs(), journalId[row.instrument()], row.price(), row.size(), row.side());
            }
            else
            {
                tick.quote(row.timeNs(), journalId[row.instrument()], row.price(), row.size(), row.askPrice(), row.askSize());
            }
            appender.appendOrThrow(tick);
            counts.count(tick);
            if (++written % PROGRESS_ROWS == 0)
            {
                progress.onProgress(written);
                checkCancelled();
            }
        }
        progress.onProgress(total);
        progress.onEnd();
    }

    private Rows read(final Path file, final byte type, final ProgressListener progress)
    {
        final List<Row> rows = new ArrayList<>();
        long outOfOrder = 0;
        final long size;
        try
        {
            size = Files.size(file);
        }
        catch (final NoSuchFileException ex)
        {
            problem(file + ": no such file");
            return new Rows(rows, 0);
        }
        catch (final IOException ex)
        {
            problem(file + ": cannot be read: " + describe(ex));
            return new Rows(rows, 0);
        }
        progress.onStart("Reading " + file.getFileName(), size, "B");
        try (CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get())
        {
            final List<String> required = type == TickDescriptor.TYPE_TRADE ? TRADE_COLUMNS : QUOTE_COLUMNS;
            int[] columns = null;
            long latest = Long.MIN_VALUE;
            for (final CSVRecord record : parser)
            {
                final String where = file + ":" + InstrumentFile.lineOf(record, parser) + ": ";
                if (null == columns)
                {
                    columns = header(where, record, required, type == TickDescriptor.TYPE_TRADE);
                    if (null == columns)
                    {
                        break;
                    }
                    continue;
                }
                final Row row = type == TickDescriptor.TYPE_TRADE ? trade(where, record, columns) : quote(where, record, columns);
                if (null != row)
                {
                    outOfOrder += row.timeNs() < latest ? 1 : 0;
                    latest = Math.max(latest, row.timeNs());
                    rows.add(row);
                }
                if (record.getRecordNumber() % PROGRESS_ROWS == 0)
                {
                    progress.onProgress(in.count());
                    checkCancelled();
                }
            }
            if (null == columns)
            {
                if (problemCount == 0)
                {
                    problem(file + ":1: expected a header line naming the columns " + String.join(",", required));
                }
            }
        }
        catch (final UncheckedIOException ex)
        {
            problem(InstrumentFile.notValidCsv(file.toString(), ex.getCause()));
        }
        catch (final IOException ex)
        {
            problem(file + ": cannot be read: " + describe(ex));
        }
        progress.onProgress(size);
        progress.onEnd();
        return new Rows(rows, outOfOrder);
    }

    /** Column positions in the order of {@code required} (then side), or null after reporting a bad header. */
    private int[] header(final String where, final CSVRecord record, final List<String> required, final boolean trades)
    {
        final Map<String, Integer> named = new HashMap<>();
        for (int i = 0; i < record.size(); i++)
        {
            named.putIfAbsent(record.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        final List<String> missing = required.stream().filter(column -> !named.containsKey(column)).toList();
        if (!missing.isEmpty())
        {
            problem(where + "header: missing column(s) " + String.join(",", missing) + "; the first line names the columns " +
                String.join(",", required) + (trades ? "[,side]" : ""));
            return null;
        }
        final int[] columns = new int[required.size() + 1];
        for (int i = 0; i < required.size(); i++)
        {
            columns[i] = named.get(required.get(i));
        }
        columns[required.size()] = named.getOrDefault("side", -1);
        return columns;
    }

    private Row trade(final String where, final CSVRecord record, final int[] columns)
    {
        final int problemsBefore = (int)Math.min(problemCount, Integer.MAX_VALUE);
        final int instrument = symbol(where, field(record, columns[1]));
        final long timeNs = time(where, field(record, columns[0]), instrument);
        if (instrument < 0)
        {
            return null;
        }
        final Instrument facts = universe.get(instrument).instrument();
        final long price = price(where, "price", field(record, columns[2]), facts);
        final long size = size(where, "size", field(record, columns[3]), facts, false);
        final byte side = columns[4] < 0 ? TickDescriptor.SIDE_UNKNOWN : side(where, field(record, columns[4]));
        return problemCount > problemsBefore ? null :
            new Row(timeNs, instrument, TickDescriptor.TYPE_TRADE, side, price, size, 0, 0);
    }

    private Row quote(final String where, final CSVRecord record, final int[] columns)
    {
        final int problemsBefore = (int)Math.min(problemCount, Integer.MAX_VALUE);
        final int instrument = symbol(where, field(record, columns[1]));
        final long timeNs = time(where, field(record, columns[0]), instrument);
        if (instrument < 0)
        {
            return null;
        }
        final Instrument facts = universe.get(instrument).instrument();
        final long bid = price(where, "bid_price", field(record, columns[2]), facts);
        final long bidSize = size(where, "bid_size", field(record, columns[3]), facts, true);
        final long ask = price(where, "ask_price", field(record, columns[4]), facts);
        final long askSize = size(where, "ask_size", field(record, columns[5]), facts, true);
        if (problemCount == problemsBefore && bid >= ask)
        {
            problem(where + "bid_price='" + field(record, columns[2]) + "': not below ask_price " + field(record, columns[4]));
        }
        return problemCount > problemsBefore ? null :
            new Row(timeNs, instrument, TickDescriptor.TYPE_QUOTE, TickDescriptor.SIDE_UNKNOWN, bid, bidSize, ask, askSize);
    }

    private static String field(final CSVRecord record, final int column)
    {
        return column < record.size() ? record.get(column).strip() : "";
    }

    private int symbol(final String where, final String symbol)
    {
        final Integer index = bySymbol.get(symbol);
        if (null == index)
        {
            problem(where + "symbol='" + symbol + "': " + (symbol.isEmpty() ? "missing" : "not in the instrument file"));
            return -1;
        }
        return index;
    }

    /**
     * Epoch nanoseconds of an ISO-8601 time with an offset or zone, of a local ISO time in the
     * instrument's time zone, or of a plain integer of epoch nanoseconds.
     */
    private long time(final String where, final String text, final int instrument)
    {
        if (text.isEmpty())
        {
            problem(where + "time='': missing");
            return 0;
        }
        if (isInteger(text))
        {
            try
            {
                return Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                problem(where + "time='" + text + "': epoch nanoseconds out of range");
                return 0;
            }
        }
        try
        {
            final TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(
                text.replace(' ', 'T'), ZonedDateTime::from, LocalDateTime::from);
            final ZonedDateTime time;
            if (parsed instanceof LocalDateTime local)
            {
                if (instrument < 0)
                {
                    return 0;
                }
                time = local.atZone(ZoneId.of(universe.get(instrument).instrument().getTimeZone()));
            }
            else
            {
                time = (ZonedDateTime)parsed;
            }
            return Math.addExact(TimeUnit.SECONDS.toNanos(time.toEpochSecond()), time.getNano());
        }
        catch (final DateTimeException | ArithmeticException ex)
        {
            problem(where + "time='" + text + "': expected an ISO-8601 time such as 2026-11-20T14:30:00.125Z " +
                "(or local to the exchange, without an offset), or epoch nanoseconds");
            return 0;
        }
    }

    private long price(final String where, final String field, final String text, final Instrument instrument)
    {
        final long units = units(where, field, text, instrument.getPriceDecimals(), "price");
        if (units == Long.MIN_VALUE)
        {
            return 0;
        }
        if (units <= 0)
        {
            problem(where + field + "='" + text + "': must be above 0");
        }
        else if (units % instrument.getPriceIncrement() != 0)
        {
            problem(where + field + "='" + text + "': not on the price increment " +
                BigDecimal.valueOf(instrument.getPriceIncrement(), instrument.getPriceDecimals()).stripTrailingZeros().toPlainString() +
                " of " + instrument.getSymbol());
        }
        return units;
    }

    private long size(final String where, final String field, final String text, final Instrument instrument, final boolean zeroAllowed)
    {
        final long size = units(where, field, text, 0, "size");
        if (size == Long.MIN_VALUE)
        {
            return 0;
        }
        if (size < 0 || (size == 0 && !zeroAllowed))
        {
            problem(where + field + "='" + text + "': must be " + (zeroAllowed ? "0 or more" : "above 0"));
        }
        else if (size % instrument.getLotSize() != 0)
        {
            problem(where + field + "='" + text + "': not a whole number of lots of " + instrument.getLotSize() +
                " for " + instrument.getSymbol());
        }
        return size;
    }

    /** {@code text} in units of 10^-decimals, or {@link Long#MIN_VALUE} after reporting why it is not a number of them. */
    private long units(final String where, final String field, final String text, final int decimals, final String what)
    {
        try
        {
            final BigDecimal value = new BigDecimal(text).movePointRight(decimals);
            if (value.stripTrailingZeros().scale() > 0)
            {
                problem(where + field + "='" + text + "': " + (decimals == 0 ? "not a whole number" :
                    "more than " + decimals + " decimals"));
                return Long.MIN_VALUE;
            }
            return value.longValueExact();
        }
        catch (final NumberFormatException ex)
        {
            problem(where + field + "='" + text + "': " + (text.isEmpty() ? "missing" : "not a " + what));
            return Long.MIN_VALUE;
        }
        catch (final ArithmeticException ex)
        {
            problem(where + field + "='" + text + "': out of range");
            return Long.MIN_VALUE;
        }
    }

    private byte side(final String where, final String text)
    {
        return switch (text.toUpperCase(Locale.ROOT))
        {
            case "" -> TickDescriptor.SIDE_UNKNOWN;
            case "B", "BUY" -> TickDescriptor.SIDE_BUY;
            case "S", "SELL" -> TickDescriptor.SIDE_SELL;
            default ->
            {
                problem(where + "side='" + text + "': expected B, BUY, S, SELL or nothing");
                yield TickDescriptor.SIDE_UNKNOWN;
            }
        };
    }

    private static boolean isInteger(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (!Character.isDigit(text.charAt(i)) && !(i == 0 && text.charAt(i) == '-' && text.length() > 1))
            {
                return false;
            }
        }
        return true;
    }

    private void problem(final String problem)
    {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS_LISTED)
        {
            problems.add(problem);
        }
    }

    private static String describe(final IOException ex)
    {
        return ex.getClass().getSimpleName() + (null == ex.getMessage() ? "" : " (" + ex.getMessage() + ")");
    }

    /** Counts the bytes read, for the progress of reading a file. */
    private static final class CountingInputStream extends FilterInputStream
    {
        private long count;

        CountingInputStream(final InputStream in)
        {
            super(in);
        }

        long count()
        {
            return count;
        }

        @Override
        public int read() throws IOException
        {
            final int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) throws IOException
        {
            final int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(final long n) throws IOException
        {
            final long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
