package dev.ticker.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention over several roll cycles (a day of event time each) of a journal being written: whole
 * old days go, the newest never does, the writer goes on after it, and readers see the journal start
 * at the oldest day kept.
 */
class JournalRetentionTest
{
    private static final long T0 = 1_763_596_800_000_000_000L; // 2025-11-20T00:00:00Z
    private static final long DAY_NS = TimeUnit.DAYS.toNanos(1);
    private static final int PER_DAY = 1_000;

    @TempDir
    Path dir;

    private final long[] nowMs = {0};

    private static void writeDays(final TickAppender appender, final int fromDay, final int days)
    {
        for (int day = fromDay; day < fromDay + days; day++)
        {
            for (int i = 0; i < PER_DAY; i++)
            {
                appender.appendTrade(T0 + day * DAY_NS + i * 1_000_000L, 1, 100, 10, TickDescriptor.SIDE_BUY);
            }
        }
    }

    @Test
    void shouldDeleteWholeDaysOlderThanTheRetainedDaysWhileTheWriterGoesOn() throws IOException
    {
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            final JournalRetention retention = new JournalRetention(journal,
                new RetentionPolicy().retainDays(3).checkIntervalMs(1_000), () -> nowMs[0]);
            writeDays(appender, 0, 6);
            assertEquals(6, JournalVerifier.queueFiles(journal.queueDirectory()).size());

            assertEquals(3, retention.doWork());
            assertEquals(0, retention.doWork(), "nothing more before the next check");
            final List<Path> kept = JournalVerifier.queueFiles(journal.queueDirectory());
            assertEquals(3, kept.size());
            assertTrue(kept.get(0).getFileName().toString().startsWith("20251123"), kept.toString());
            assertEquals(3, retention.filesDeleted());

            try (TickTailer tailer = journal.tailer())
            {
                assertEquals(3L * PER_DAY + 1, tailer.firstSequence());
                assertFalse(tailer.moveToSequence(1), "a sequence older than the journal keeps is not there");
                assertTrue(tailer.moveToSequence(3L * PER_DAY + 1));
                final Tick tick = new Tick();
                assertTrue(tailer.readNext(tick));
                assertEquals(3L * PER_DAY + 1, tick.sequence);
            }

            writeDays(appender, 6, 2);
            assertEquals(8L * PER_DAY, appender.lastSequence());
            nowMs[0] += 1_000;
            assertEquals(2, retention.doWork());
        }
        final JournalVerifier.Report report = JournalVerifier.verify(dir);
        assertTrue(report.isIntact(), report.damage().toString());
        assertEquals(3L * PER_DAY, report.records());
        assertEquals(5L * PER_DAY + 1, report.firstSequence());
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            assertEquals(8L * PER_DAY, appender.lastSequence(), "a new writer continues after the last record kept");
        }
    }

    @Test
    void shouldKeepTheFilesUnderTheRetainedBytesButNeverTheNewestFile() throws IOException
    {
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            writeDays(appender, 0, 4);
            final List<Path> files = JournalVerifier.queueFiles(journal.queueDirectory());
            final long twoFiles = Files.size(files.get(2)) + Files.size(files.get(3));
            assertEquals(2, new JournalRetention(journal, new RetentionPolicy().retainBytes(twoFiles), () -> 0).apply());
            assertEquals(files.subList(2, 4), JournalVerifier.queueFiles(journal.queueDirectory()));

            assertEquals(1, new JournalRetention(journal, new RetentionPolicy().retainBytes(1), () -> 0).apply());
            assertEquals(files.subList(3, 4), JournalVerifier.queueFiles(journal.queueDirectory()), "the newest file stays");
            assertEquals(4L * PER_DAY + 1, appender.appendTrade(T0 + 4 * DAY_NS, 1, 100, 10, TickDescriptor.SIDE_BUY));
        }
    }

    @Test
    void shouldRefuseANegativeRetentionNamingTheSetting()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new RetentionPolicy().retainDays(-1).validate());
        assertEquals("retainDays=-1: must be 0 (keep every day) or more", refused.getMessage());
    }
}
