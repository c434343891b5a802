package dev.ticker.simulator.importing;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.JournalException;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.journal.TimeParser.EpochUnit;
import dev.ticker.simulator.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvImporterTest
{
    private static final Path SAMPLES = Path.of("..", "samples");

    @TempDir
    Path dir;

    @Test
    void shouldImportTheSampleExactly() throws IOException
    {
        final Path trades = SAMPLES.resolve("trades.csv");
        final Path quotes = SAMPLES.resolve("quotes.csv");
        final ImportResult result = new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades).quotes(quotes))
            .run(ProgressListener.NONE);

        // the sample read independently of the importer: "time,symbol,price,size,side" and quotes
        final List<String> expected = new ArrayList<>();
        final List<String[]> rows = new ArrayList<>();
        lines(trades).forEach(line -> rows.add(("T," + line).split(",")));
        lines(quotes).forEach(line -> rows.add(("Q," + line).split(",")));
        rows.sort(Comparator.comparing((String[] row) -> Instant.parse(row[1])).thenComparing(row -> row[0]));
        for (final String[] row : rows)
        {
            expected.add(String.join(",", row));
        }

        final List<String> actual = new ArrayList<>();
        try (TickJournal journal = TickJournal.open(journal()); TickTailer tailer = journal.tailer())
        {
            final InstrumentCatalog catalog = journal.instruments();
            assertEquals(List.of("AAPL", "MSFT", "JPM", "XOM"), catalog.instruments().stream().map(i -> i.getSymbol()).toList(),
                "the instruments the files name, in the instrument file's order");
            final Tick tick = new Tick();
            while (tailer.readNext(tick))
            {
                final int decimals = catalog.byId(tick.instrumentId).getPriceDecimals();
                final String time = Instant.ofEpochSecond(0, tick.eventTimeNs).toString();
                final String symbol = catalog.byId(tick.instrumentId).getSymbol();
                actual.add(tick.isTrade() ?
                    String.join(",", "T", time, symbol, price(tick.price, decimals), Long.toString(tick.size),
                        tick.side == TickDescriptor.SIDE_BUY ? "B" : "S") :
                    String.join(",", "Q", time, symbol, price(tick.price, decimals), Long.toString(tick.size),
                        price(tick.askPrice, decimals), Long.toString(tick.askSize)));
            }
        }
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(normalise(expected.get(i)), actual.get(i), "record " + (i + 1));
        }
        assertEquals(lines(trades).size(), result.counts().trades());
        assertEquals(lines(quotes).size(), result.counts().quotes());
        assertEquals(4, result.instruments());
        assertEquals(0, result.outOfOrder());
    }

    @Test
    void shouldSortOutOfOrderRowsByTimeKeepingTheFileOrderForEqualTimesAndCountThem() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"),
            "symbol,time,price,size,venue\n" +
            "AAPL,2026-11-20T14:30:02Z,228.47,100,X\n" +
            "AAPL,2026-11-20T14:30:01Z,228.46,200,X\n" +   // out of order
            "MSFT,2026-11-20T14:30:02Z,415.30,300,X\n" +   // same time as the first: stays after it
            "AAPL,2026-11-20T14:30:00Z,228.45,400,X\n");   // out of order
        final Path quotes = Files.writeString(dir.resolve("quotes.csv"),
            "time,symbol,bid_price,bid_size,ask_price,ask_size\n" +
            "2026-11-20T14:30:02Z,AAPL,228.46,100,228.47,100\n" + // same time as trades: after them
            "2026-11-20T14:29:59Z,AAPL,228.44,100,228.45,100\n"); // out of order
        final ImportResult result = new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades).quotes(quotes))
            .run(ProgressListener.NONE);
        assertEquals(3, result.outOfOrder());
        assertEquals(List.of("Q 22844", "T 22845 400", "T 22846 200", "T 22847 100", "T 41530 300", "Q 22846"), records(),
            "sorted by time; equal times in file order, trades before quotes");
    }

    @Test
    void shouldReportEveryBadLineWithFileLineFieldAndReasonAndWriteNothing() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"),
            "# a comment line\n" +
            "time,symbol,price,size,side\n" +
            "2026-11-20T14:30:00Z,AAPL,228.45,100,B\n" +
            "2026-11-20T14:30:00Z,AAPL,228.455,100,B\n" +
            "\n" +
            "2026-11-20T14:30:01Z,NOPE,1.00,1,S\n" +
            "yesterday,AAPL,228.45,100,S\n" +
            "2026-11-20T14:30:02Z,AAPL,abc,0,S\n" +
            "2026-11-20T14:30:03Z,7203.T,2745,150,S\n" +
            "2026-11-20T14:30:04Z,AAPL,228.45,100,SHORT\n");
        final Path quotes = Files.writeString(dir.resolve("quotes.csv"),
            "time,symbol,bid_price,bid_size,ask_price,ask_size\n" +
            "2026-11-20T14:30:00Z,AAPL,228.46,100,228.45,100\n");
        final ImportException ex = assertThrows(ImportException.class,
            () -> new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades).quotes(quotes)).run(ProgressListener.NONE));
        assertEquals(List.of(
            trades + ":4: price='228.455': not on the price increment 0.01 of AAPL",
            trades + ":6: symbol='NOPE': not in the built-in universe (" + firstSymbols() + ", ... " +
                universeSize() + " in all); name it in an instrument file and pass --instruments FILE",
            trades + ":7: time='yesterday': expected an ISO-8601 time (2026-11-20T14:30:00.125Z, 2026-11-20T09:30-05:00, " +
                "2026-11-20T09:30[America/New_York], 2026-11-20 09:30, 2026-11-20) or an integer count since 1970 (s, ms, us or ns)",
            trades + ":8: price='abc': not a price",
            trades + ":8: size='0': must be above 0",
            trades + ":9: size='150': not a whole number of lots of 100 for 7203.T",
            trades + ":10: side='SHORT': expected B, BUY, S, SELL or nothing (map side= to ignore the column)",
            quotes + ":2: bid_price='228.46': not below ask_price 228.45"), ex.problems());
        assertEquals(8, ex.problemCount());
        assertTrue(ex.getMessage().endsWith("8 problems; nothing was imported"), ex.getMessage());
        assertEquals(List.of("quotes.csv", "trades.csv"), names(dir), "no data folder, journal or staging folder");
    }

    @Test
    void shouldExplainAMissingHeaderColumnAndAMissingFile() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"), "time,symbol,price\n2026-11-20T14:30:00Z,AAPL,228.45\n");
        final Path missing = dir.resolve("missing.csv");
        final ImportException ex = assertThrows(ImportException.class,
            () -> new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades).quotes(missing)).run(ProgressListener.NONE));
        assertEquals(List.of(
            trades + ":1: header: missing column(s) size; the header names time,symbol,price; the importer reads " +
                "time,symbol,price,size[,side]: map other names with --columns, e.g. --columns time=timestamp,symbol=ticker",
            missing + ": no such file"), ex.problems());
    }

    @Test
    void shouldNameTheLineOfAQuoteThatIsNeverClosed() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"),
            "time,symbol,price,size\n2026-11-20T14:30:00Z,AAPL,228.45,100\n2026-11-20T14:30:01Z,\"AAPL,228.45,100\n");
        final ImportException ex = assertThrows(ImportException.class,
            () -> new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades)).run(ProgressListener.NONE));
        assertEquals(List.of(trades + ":3: not valid CSV: EOF reached before encapsulated token finished"), ex.problems());
    }

    @Test
    void shouldReadExchangeLocalTimesAndEpochNanoseconds() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"),
            "time,symbol,price,size\n" +
            "2026-11-20 09:30:00.5,AAPL,228.45,100\n" +              // New York local time: 14:30:00.5 UTC
            "1795185000000000001,AAPL,228.46,100\n" +                // epoch nanoseconds
            "2026-11-20T09:00:00+09:00[Asia/Tokyo],7203.T,2745,100\n");
        new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades)).run(ProgressListener.NONE);
        try (TickJournal journal = TickJournal.open(journal()); TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            final List<String> times = new ArrayList<>();
            while (tailer.readNext(tick))
            {
                times.add(Instant.ofEpochSecond(0, tick.eventTimeNs) + " " + journal.instruments().byId(tick.instrumentId).getSymbol() +
                    " side " + tick.side);
            }
            assertEquals(List.of(
                "2026-11-20T00:00:00Z 7203.T side 0",
                "2026-11-20T14:30:00.000000001Z AAPL side 0",
                "2026-11-20T14:30:00.500Z AAPL side 0"), times);
        }
    }

    @Test
    void shouldRefuseAJournalThatHoldsRecords() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"), "time,symbol,price,size\n2026-11-20T14:30:00Z,AAPL,228.45,100\n");
        new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades)).run(ProgressListener.NONE);
        final JournalException ex = assertThrows(JournalException.class,
            () -> new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades)).run(ProgressListener.NONE));
        assertTrue(ex.getMessage().contains("already holds 1 records"), ex.getMessage());
    }

    @Test
    void shouldReadEpochMillisecondsAsMillisecondsAndSayTheUnitWasInferred() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"),
            "time,symbol,price,size\n1795185001123,AAPL,228.45,100\n1795185001124,AAPL,228.46,100\n");
        final ImportResult result = new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades)).run(ProgressListener.NONE);
        assertEquals(List.of(1_795_185_001_123_000_000L, 1_795_185_001_124_000_000L), times());
        assertEquals("trades.csv: integer times read as epoch milliseconds (inferred from their size; --time-unit states it)",
            result.inferredUnits());
    }

    @Test
    void shouldReadIntegersInTheStatedUnit() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"), "time,symbol,price,size\n1795185001123456,AAPL,228.45,100\n");
        final ImportResult result = new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades).timeUnit(EpochUnit.US))
            .run(ProgressListener.NONE);
        assertEquals(List.of(1_795_185_001_123_456_000L), times());
        assertEquals("", result.inferredUnits(), "nothing was inferred");
    }

    @Test
    void shouldRefuseIntegerTimesThatFitNoUnitOrChangeUnitNamingTheLine() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"),
            "time,symbol,price,size\n1795185001123,AAPL,228.45,100\n1795185001,AAPL,228.45,100\n12345,AAPL,228.45,100\n");
        final ImportException ex = assertThrows(ImportException.class,
            () -> new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades)).run(ProgressListener.NONE));
        assertEquals(List.of(
            trades + ":3: time='1795185001': reads as epoch seconds but " + trades + ":2: read as epoch milliseconds; " +
                "pass --time-unit s|ms|us|ns",
            trades + ":4: time='12345': no unit (s, ms, us or ns) puts it between 1990 and 2100; " +
                "state the unit or write an ISO-8601 time such as 2026-11-20T14:30:00Z (--time-unit s|ms|us|ns)"), ex.problems());
    }

    @Test
    void shouldMapVendorColumnsIgnoreExtraOnesAndSkipAByteOrderMark() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"),
            "\uFEFFsymbol,timestamp,price,size,exchange,conditions,side\n" +
            "AAPL,1795185001123,228.45,100,Q,\"@,F\",A\n");
        new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades)
            .columns(ColumnMapping.parse("--columns", "time=timestamp,side="))).run(ProgressListener.NONE);
        assertEquals(List.of(1_795_185_001_123_000_000L), times());
        assertEquals(List.of("T 22845 100"), records(), "the vendor's side column A is not read");
    }

    @Test
    void shouldHintAtTheCaseOfASymbol() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"), "time,symbol,price,size\n2026-11-20T14:30:00Z,aapl,228.45,100\n");
        final ImportException ex = assertThrows(ImportException.class,
            () -> new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades)).run(ProgressListener.NONE));
        assertEquals(List.of(trades + ":2: symbol='aapl': not in the built-in universe, which has AAPL (symbols are matched exactly, " +
            "case included)"), ex.problems());
    }

    @Test
    void shouldSortRowsThatDoNotFitOneChunkThroughFilesAndLeaveNoneBehind() throws IOException
    {
        final StringBuilder csv = new StringBuilder("time,symbol,price,size\n");
        final int rows = 1_000;
        for (int i = 0; i < rows; i++)
        {
            // descending times in pairs of equal times: every chunk spills, and equal times must keep file order
            csv.append(1_795_185_001_000L - i / 2).append(",AAPL,").append(i % 2 == 0 ? "228.45" : "228.46").append(",100\n");
        }
        final Path trades = Files.writeString(dir.resolve("trades.csv"), csv);
        final ImportResult result = new CsvImporter(new ImportConfiguration().journal(journal()).trades(trades).sortChunkRows(64))
            .run(ProgressListener.NONE);
        assertEquals(rows, result.counts().trades());
        final List<Long> times = times();
        final List<String> records = records();
        for (int i = 1; i < rows; i++)
        {
            assertTrue(times.get(i - 1) <= times.get(i), "time order at " + i);
            if (i % 2 == 1)
            {
                assertEquals(times.get(i - 1), times.get(i));
                assertEquals(List.of("T 22845 100", "T 22846 100"), records.subList(i - 1, i + 1), "equal times in file order");
            }
        }
        assertEquals(List.of("data", "trades.csv"), names(dir));
        assertEquals(List.of("journal"), names(dir.resolve("data")), "no spilled chunks are left");
    }

    private List<Long> times()
    {
        final List<Long> times = new ArrayList<>();
        try (TickJournal journal = TickJournal.open(journal()); TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            while (tailer.readNext(tick))
            {
                times.add(tick.eventTimeNs);
            }
        }
        return times;
    }

    private static String firstSymbols()
    {
        return String.join(", ", dev.ticker.simulator.InstrumentFile.defaults().stream().limit(8).map(i -> i.symbol()).toList());
    }

    private static int universeSize()
    {
        return dev.ticker.simulator.InstrumentFile.defaults().size();
    }

    private static List<String> names(final Path folder) throws IOException
    {
        try (Stream<Path> entries = Files.list(folder))
        {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private Path journal()
    {
        return dir.resolve("data").resolve("journal");
    }

    private List<String> records()
    {
        final List<String> records = new ArrayList<>();
        try (TickJournal journal = TickJournal.open(journal()); TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            while (tailer.readNext(tick))
            {
                records.add(tick.isTrade() ? "T " + tick.price / 100 + " " + tick.size : "Q " + tick.price / 100);
            }
        }
        return records;
    }

    private static List<String> lines(final Path csv) throws IOException
    {
        return Files.readAllLines(csv).stream().filter(line -> !line.startsWith("#") && !line.isBlank()).skip(1).toList();
    }

    private static String price(final long units, final int decimals)
    {
        return BigDecimal.valueOf(units, decimals).setScale(2).toPlainString();
    }

    /** A sample row as the journal gives it back: times as Instant prints them. */
    private static String normalise(final String row)
    {
        final String[] fields = row.split(",");
        fields[1] = Instant.parse(fields[1]).toString();
        return String.join(",", fields);
    }
}
