package dev.ticker.journal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk, for real: a small tmpfs mounted by the test (as root; skipped with the reason
 * otherwise) is filled by another file and by the writer until the writer stops. The writer must
 * stop with a return value and a reason, never fault; everything written stays readable; once space
 * is freed it resumes with the next sequence; and a new writer continues after the true last record.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalDiskFullTest
{
    private static final long T0 = 1_763_596_800_000_000_000L;
    private static final int TMPFS_MB = 24;
    private static final int MAX_RECORDS = 2_000_000;

    @TempDir
    Path temp;

    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallDisk() throws IOException, InterruptedException
    {
        assumeTrue("root".equals(System.getProperty("user.name")),
            "mounting a small tmpfs needs root; the disk-full test is skipped for user " + System.getProperty("user.name"));
        mount = Files.createDirectory(temp.resolve("disk"));
        final Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_MB + "m", "tmpfs", mount.toString())
            .redirectErrorStream(true).start();
        assumeTrue(process.waitFor(30, TimeUnit.SECONDS) && 0 == process.exitValue(),
            "cannot mount a tmpfs here: " + new String(process.getInputStream().readAllBytes()));
        mounted = true;
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException
    {
        if (mounted)
        {
            final Process process = new ProcessBuilder("umount", "-l", mount.toString()).redirectErrorStream(true).start();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS) && 0 == process.exitValue(),
                "cannot unmount " + mount + ": " + new String(process.getInputStream().readAllBytes()));
        }
    }

    @Test
    void shouldStopAppendingWhenTheDiskIsFullKeepEverythingAndResumeOnceSpaceIsBack() throws IOException
    {
        final Path filler = mount.resolve("filler");
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw"))
        {
            file.write(new byte[8 << 20]); // another program's 8 MiB on the same disk
        }
        final Path journalDir = mount.resolve("journal");
        final JournalConfiguration configuration = new JournalConfiguration()
            .minFreeDiskBytes(4L << 20)
            .preallocationBytes(2L << 20);
        final long appended;
        try (TickJournal journal = TickJournal.open(journalDir, configuration); TickAppender appender = journal.appender())
        {
            long written = 0;
            while (written < MAX_RECORDS && TickAppender.DISK_FULL != appender.appendTrade(T0 + written, 1, 100, 10, TickDescriptor.SIDE_BUY))
            {
                written++;
            }
            assertTrue(appender.isDiskFull(), "the writer wrote " + written + " records and never stopped");
            assertTrue(written > 10_000, "stopped after only " + written + " records");
            assertTrue(appender.diskFullReason().contains("minFreeDiskBytes=" + (4L << 20)), appender.diskFullReason());
            assertTrue(journal.isDiskFull());
            assertEquals(written, appender.lastSequence());
            assertEquals(TickAppender.DISK_FULL, appender.appendTrade(T0 + written, 1, 100, 10, TickDescriptor.SIDE_BUY));

            // everything written is there, and readable while the disk is full
            final JournalVerifier.Report whileFull = JournalVerifier.verify(journalDir);
            assertTrue(whileFull.isIntact(), whileFull.damage().toString());
            assertEquals(written, whileFull.records());
            assertEquals(written, journal.headSequence());

            Files.delete(filler);
            assertEquals(written + 1, appender.appendTrade(T0 + written, 1, 100, 10, TickDescriptor.SIDE_BUY));
            assertFalse(appender.isDiskFull());
            assertEquals("", appender.diskFullReason());
            appended = appender.lastSequence();
        }

        try (TickJournal journal = TickJournal.open(journalDir, configuration); TickAppender appender = journal.appender())
        {
            assertEquals(appended, appender.lastSequence(), "a new writer continues after the true last record");
            assertEquals(appended + 1, appender.appendTrade(T0 + appended, 1, 100, 10, TickDescriptor.SIDE_BUY));
        }
        final JournalVerifier.Report after = JournalVerifier.verify(journalDir);
        assertTrue(after.isIntact(), after.damage().toString());
        assertEquals(appended + 1, after.records());
        assertEquals(appended + 1, after.lastSequence());
    }

    @Test
    void shouldEndAOneShotWriterWithTheReasonWhenTheDiskIsFull()
    {
        final Path journalDir = mount.resolve("journal");
        final JournalConfiguration configuration = new JournalConfiguration().minFreeDiskBytes(4L << 20).preallocationBytes(2L << 20);
        try (TickJournal journal = TickJournal.open(journalDir, configuration); TickAppender appender = journal.appender())
        {
            final Tick tick = new Tick();
            final JournalException full = org.junit.jupiter.api.Assertions.assertThrows(JournalException.class, () ->
            {
                for (long i = 0; i < MAX_RECORDS; i++)
                {
                    appender.appendOrThrow(tick.trade(T0 + i, 1, 100, 10, TickDescriptor.SIDE_BUY));
                }
            });
            assertTrue(full.getMessage().contains("cannot take more records after sequence " + appender.lastSequence()),
                full.getMessage());
            assertTrue(full.getMessage().contains("minFreeDiskBytes="), full.getMessage());
        }
    }
}
