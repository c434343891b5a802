package dev.ticker.cli;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateCommandTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        return TickerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldGenerateADayThatTheJournalHoldsAndReportTheCounts()
    {
        assertEquals(0, run("generate", "--date", "2026-11-20", "--out", dir.resolve("a").toString(), "--activity", "0.003"), err.toString());
        final String report = out.toString();
        assertTrue(report.startsWith("Generated 2026-11-20 (1 trading day) into " + dir.resolve("a/journal")), report);
        assertTrue(report.contains("event times 2026-11-19T23:00:00Z to 2026-11-21T00:00:00Z"), report);
        assertTrue(report.contains("Serve it with: ticker serve --data " + dir.resolve("a")), report);
        assertTrue(err.toString().contains("Generating 2026-11-20"), "a progress line: " + err);

        long ticks = 0;
        try (TickJournal journal = TickJournal.open(dir.resolve("a/journal")); TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            while (tailer.readNext(tick))
            {
                ticks++;
            }
            assertEquals(103, journal.instruments().size());
        }
        assertTrue(report.contains(String.format("  %,d ticks: ", ticks)), report + " vs " + ticks);
    }

    @Test
    void shouldWriteTheSameBytesForTheSameSeedAndSettings() throws IOException
    {
        for (final String name : List.of("one", "two"))
        {
            assertEquals(0, run("generate", "--date", "2026-11-21", "--days", "2", "--seed", "5", "--activity", "0.002",
                "--out", dir.resolve(name).toString()), err.toString());
        }
        final List<Path> files = queueFiles(dir.resolve("one/journal/queue"));
        assertEquals(List.of("20261122F.cq4", "20261123F.cq4", "20261124F.cq4", "20261125F.cq4"),
            files.stream().map(path -> path.getFileName().toString()).toList(),
            "Monday and Tuesday (the weekend is skipped), from Sydney's open the day before to the crypto close at midnight");
        for (final Path file : files)
        {
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("two/journal/queue").resolve(file.getFileName())),
                file.getFileName() + " is the same, byte for byte");
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("one/journal/instruments.pb")), Files.readAllBytes(dir.resolve("two/journal/instruments.pb")));
    }

    @Test
    void shouldRefuseAJournalThatHoldsRecordsInOneLine()
    {
        assertEquals(0, run("generate", "--date", "2026-11-20", "--out", dir.toString(), "--activity", "0.001"));
        err.getBuffer().setLength(0);
        assertEquals(1, run("generate", "--date", "2026-11-20", "--out", dir.toString(), "--activity", "0.001"));
        final String message = err.toString().strip();
        assertTrue(message.startsWith("ticker generate: journal " + dir.resolve("journal") + " already holds ") &&
            message.endsWith("records; write into an empty folder, or pass --replace to replace it") && !message.contains("\n"), message);
    }

    @Test
    void shouldRejectBadFlagsWithUsageAndBadValuesWithTheSetting()
    {
        assertEquals(2, run("generate", "--date", "2026-13-01", "--out", dir.toString()));
        assertTrue(err.toString().contains("Invalid value for option '--date'"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("generate", "--out", dir.toString()));
        assertTrue(err.toString().contains("Missing required option: '--date=YYYY-MM-DD'"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(1, run("generate", "--date", "2026-11-20", "--days", "0", "--out", dir.toString()));
        assertEquals("ticker generate: days=0: must be from 1 to 366", err.toString().strip());
        assertFalse(Files.exists(dir.resolve("journal")));
    }

    @Test
    void shouldExplainABadInstrumentFileByLineAndField() throws IOException
    {
        final Path instruments = Files.writeString(dir.resolve("universe.csv"),
            "symbol,name,sector,currency,time_zone,session_open,session_close,price_decimals,price_increment,lot_size,reference_price\n" +
            "AAA,Aaa Inc.,Tech,USD,America/New_York,09:30,16:00,2,1,1,10000\n" +
            "BBB,Bbb Inc.,Tech,USD,America/New_York,09:30,25:00,2,1,1,10000\n");
        assertEquals(1, run("generate", "--date", "2026-11-20", "--out", dir.resolve("x").toString(), "--instruments", instruments.toString()));
        assertEquals("ticker generate: " + instruments + ":3: field session_close='25:00': expected HH:MM between 00:00 and 24:00",
            err.toString().strip());
    }

    @Test
    void shouldDescribeItsOptions()
    {
        assertEquals(0, run("generate", "--help"));
        for (final String option : List.of("--date=YYYY-MM-DD", "--days=N", "--out=DIR", "--seed=N", "--activity=X", "--instruments=FILE", "--replace"))
        {
            assertTrue(out.toString().contains(option), option + " in " + out);
        }
    }

    private static List<Path> queueFiles(final Path queue) throws IOException
    {
        try (Stream<Path> files = Files.list(queue))
        {
            return files.filter(path -> path.toString().endsWith(".cq4")).sorted().toList();
        }
    }
}
