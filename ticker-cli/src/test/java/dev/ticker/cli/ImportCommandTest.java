package dev.ticker.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportCommandTest
{
    private static final Path SAMPLES = Path.of("..", "samples");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        return TickerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldImportTheSampleAndReportTheCounts()
    {
        assertEquals(0, run("import", "--trades", SAMPLES.resolve("trades.csv").toString(),
            "--quotes", SAMPLES.resolve("quotes.csv").toString(), "--out", dir.toString()), err.toString());
        final List<String> lines = out.toString().lines().toList();
        assertEquals(List.of(
            "Imported into " + dir.resolve("journal"),
            "  240 trades and 480 quotes of 4 instruments",
            "  event times 2026-11-20T14:30:00.407120Z to 2026-11-20T14:44:53.878271Z",
            "  0 lines out of time order, sorted into place"), lines.subList(0, 4));
        assertTrue(lines.get(4).matches("  720 rows in [0-9.]+ m?s: [0-9,]+ rows/s"), lines.get(4));
        assertEquals("Serve it with: ticker serve --data " + dir, lines.get(5));
    }

    @Test
    void shouldRefuseABadKafkaAddressBeforeImportingAnything()
    {
        final Path data = dir.resolve("data");
        assertEquals(1, run("import", "--trades", SAMPLES.resolve("trades.csv").toString(), "--out", data.toString(),
            "--kafka", "localhost"));
        assertEquals("ticker import: kafka=localhost: give the brokers as HOST:PORT[,HOST:PORT...]", err.toString().strip());
        assertFalse(Files.exists(data), "nothing was imported");
    }

    @Test
    void shouldListTheBadLinesAndLeaveNothingBehind() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"),
            "time,symbol,price,size,side\n2026-11-20T14:30:00Z,AAPL,228.45,100,B\n2026-11-20T14:30:01Z,AAPL,-1,100,B\n");
        final Path data = dir.resolve("data");
        assertEquals(1, run("import", "--trades", trades.toString(), "--out", data.toString()));
        final List<String> lines = err.toString().lines().toList();
        assertEquals("ticker import: " + trades + ":3: price='-1': must be above 0 (nothing was imported)", lines.get(lines.size() - 1),
            "after the progress lines, one line naming file, line, field and why");
        assertFalse(Files.exists(data), "no data folder, journal or staging folder");
    }

    @Test
    void shouldImportAVendorFileWithEpochMillisecondsAndOtherColumnNames() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("vendor.csv"),
            "\uFEFFsymbol,timestamp,price,size,exchange,conditions\n" +
            "AAPL,1795185001123,228.45,100,Q,@\n" +
            "MSFT,1795185001124,415.30,200,N,\"@,F\"\n");
        final Path data = dir.resolve("data");
        assertEquals(0, run("import", "--trades", trades.toString(), "--columns", "time=timestamp", "--out", data.toString()),
            err.toString());
        final List<String> lines = out.toString().lines().toList();
        assertEquals("  2 trades and 0 quotes of 2 instruments", lines.get(1));
        assertEquals("  event times 2026-11-20T14:30:01.123Z to 2026-11-20T14:30:01.124Z", lines.get(2), "epoch ms, not ns");
        assertEquals("  vendor.csv: integer times read as epoch milliseconds (inferred from their size; --time-unit states it)", lines.get(4));
    }

    @Test
    void shouldReadIntegerTimesInTheUnitGivenAndRefuseAnUnknownUnit() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("trades.csv"), "time,symbol,price,size\n1795185001,AAPL,228.45,100\n");
        assertEquals(0, run("import", "--trades", trades.toString(), "--time-unit", "s", "--out", dir.resolve("data").toString()),
            err.toString());
        assertTrue(out.toString().contains("event times 2026-11-20T14:30:01Z to 2026-11-20T14:30:01Z"), out.toString());
        assertEquals(2, run("import", "--trades", trades.toString(), "--time-unit", "minutes", "--out", dir.resolve("other").toString()));
        assertTrue(err.toString().contains("'minutes': expected s, ms, us or ns"), err.toString());
    }

    @Test
    void shouldSayWhichColumnsAreMissingAndHowToMapThem() throws IOException
    {
        final Path trades = Files.writeString(dir.resolve("vendor.csv"), "symbol,timestamp,price,size\nAAPL,1795185001123,228.45,100\n");
        assertEquals(1, run("import", "--trades", trades.toString(), "--out", dir.resolve("data").toString()));
        assertTrue(err.toString().contains(trades + ":1: header: missing column(s) time; the header names symbol,timestamp,price,size; " +
            "the importer reads time,symbol,price,size[,side]: map other names with --columns"), err.toString());
    }

    @Test
    void shouldRequireTradesAndAnOutputFolder()
    {
        assertEquals(2, run("import", "--out", dir.toString()));
        assertTrue(err.toString().contains("Missing required option: '--trades=FILE'"), err.toString());
        assertTrue(err.toString().contains("Usage: ticker import"), err.toString());
    }
}
