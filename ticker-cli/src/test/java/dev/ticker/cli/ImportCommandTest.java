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
        assertEquals(List.of(
            "Imported into " + dir.resolve("journal"),
            "  240 trades and 480 quotes of 4 instruments",
            "  event times 2026-11-20T14:30:00.407120Z to 2026-11-20T14:44:53.878271Z",
            "  0 lines out of time order, sorted into place",
            "Serve it with: ticker serve --data " + dir), out.toString().lines().toList());
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
    void shouldRequireTradesAndAnOutputFolder()
    {
        assertEquals(2, run("import", "--out", dir.toString()));
        assertTrue(err.toString().contains("Missing required option: '--trades=FILE'"), err.toString());
        assertTrue(err.toString().contains("Usage: ticker import"), err.toString());
    }
}
