package dev.ticker.cli;

import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ticker journal verify} and {@code repair}, and the readers' answer to damage, on real damaged files. */
class JournalCommandTest
{
    private static final long T0 = 1_763_596_800_000_000_000L;
    private static final long DAY_NS = TimeUnit.DAYS.toNanos(1);
    private static final int PER_DAY = 5_000;
    private static final long DAMAGE_OFFSET = 0x10110 + 68L * 2_000 + 10;

    @TempDir
    Path dir;

    private Path journal;
    private Path firstDay;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        out = new StringWriter();
        err = new StringWriter();
        return TickerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @BeforeEach
    void writeTwoDays() throws IOException
    {
        journal = DataOptions.journalDirectory(dir.resolve("data"));
        try (TickJournal tickJournal = TickJournal.open(journal); TickAppender appender = tickJournal.appender())
        {
            for (int day = 0; day < 2; day++)
            {
                for (int i = 0; i < PER_DAY; i++)
                {
                    appender.appendTrade(T0 + day * DAY_NS + i * 1_000_000L, 1, 100 + i, 10, TickDescriptor.SIDE_BUY);
                }
            }
        }
        try (Stream<Path> files = Files.list(journal.resolve("queue")))
        {
            firstDay = files.filter(file -> file.toString().endsWith(".cq4")).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void shouldReportAnIntactJournalWithExitCodeZero()
    {
        assertEquals(0, run("journal", "verify", dir.resolve("data").toString()), err.toString());
        assertTrue(out.toString().contains("10000 intact, sequences 1..10000"), out.toString());
        assertTrue(out.toString().strip().endsWith("intact"), out.toString());
    }

    @Test
    void shouldReportDamageAndRepairItIntoANewJournalThatVerifiesIntact() throws IOException
    {
        final byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        overwrite(garbage);

        assertEquals(JournalCommand.EXIT_DAMAGED, run("journal", "verify", journal.toString()), err.toString());
        assertTrue(out.toString().contains(firstDay.getFileName() + " bytes "), out.toString());
        final Matcher intact = Pattern.compile("records {2}(\\d+) intact").matcher(out.toString());
        assertTrue(intact.find(), out.toString());
        final long records = Long.parseLong(intact.group(1));
        assertTrue(records < 2 * PER_DAY && records > PER_DAY, out.toString());

        final Path repaired = dir.resolve("repaired");
        assertEquals(0, run("journal", "repair", journal.toString(), "--out", repaired.toString()), err.toString());
        assertEquals(0, run("journal", "verify", repaired.toString()), out.toString());
        assertTrue(out.toString().contains(records + " intact, sequences 1.." + records), out.toString());

        assertEquals(1, run("journal", "repair", journal.toString(), "--out", repaired.toString()));
        assertTrue(err.toString().contains("already holds " + records + " records"), err.toString());
    }

    @Test
    void shouldFailAReplayOverZerosInsteadOfEndingQuietlyWithLess() throws IOException
    {
        overwrite(new byte[4096]);
        final int exit = run("replay", "--journal", dir.resolve("data").toString(), "--from", "seq:1", "--to", "seq:" + 2 * PER_DAY, "--format", "csv",
            "--out", dir.resolve("out.csv").toString());
        assertEquals(1, exit, out + " / " + err);
        assertTrue(err.toString().contains("journal damaged"), err.toString());
        assertFalse(Files.exists(dir.resolve("out.csv")) && err.toString().isEmpty());
    }

    @Test
    void shouldOfferRetentionAndTheFreeSpaceSettingOnTheCommandsThatKeepAJournalAndNameABadValue()
    {
        for (final String command : new String[] {"demo", "simulate", "serve"})
        {
            assertEquals(0, run(command, "--help"));
            assertTrue(out.toString().contains("--retain-days=DAYS") && out.toString().contains("--retain-bytes=BYTES") &&
                out.toString().contains("--min-free-disk-bytes=BYTES"), out.toString());
        }
        assertEquals(1, run("simulate", "--data", dir.resolve("data").toString(), "--retain-days", "-1"));
        assertEquals("ticker simulate: retainDays=-1: must be 0 (keep every day) or more", err.toString().strip());
        assertEquals(1, run("simulate", "--data", dir.resolve("data").toString(), "--min-free-disk-bytes", "1"));
        assertTrue(err.toString().startsWith("ticker simulate: minFreeDiskBytes=1: must be at least preallocationBytes="),
            err.toString());
    }

    private void overwrite(final byte[] bytes) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(firstDay.toFile(), "rw"))
        {
            raf.seek(DAMAGE_OFFSET);
            raf.write(bytes);
        }
    }
}
