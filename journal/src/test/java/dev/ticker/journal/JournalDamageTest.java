package dev.ticker.journal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact damage operators and accidents do to journal files – a file cut short, 4 KiB of zeros,
 * 4 KiB of random bytes, garbage over the file's header – is found by the verifier with its file,
 * offsets and lost sequences, is never read as data, and leaves every other record readable.
 */
class JournalDamageTest
{
    private static final long T0 = 1_763_596_800_000_000_000L; // 2025-11-20T00:00:00Z
    private static final long DAY_NS = TimeUnit.DAYS.toNanos(1);
    private static final int PER_DAY = 5_000;
    /** Where the 4 KiB of damage goes: well inside the first day's records. */
    private static final long DAMAGE_OFFSET = 0x10110 + 68L * 2_000 + 10;

    @TempDir
    Path dir;

    private Path firstDay;

    @BeforeEach
    void writeTwoDays()
    {
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            for (int day = 0; day < 2; day++)
            {
                for (int i = 0; i < PER_DAY; i++)
                {
                    appender.appendTrade(T0 + day * DAY_NS + i * 1_000_000L, 1 + i % 3, 100 + i, 10, TickDescriptor.SIDE_BUY);
                }
            }
        }
        firstDay = JournalVerifier.queueFiles(dir.resolve(TickJournal.QUEUE_DIR)).get(0);
    }

    @Test
    void shouldFindAnIntactJournalIntact()
    {
        final JournalVerifier.Report report = JournalVerifier.verify(dir);
        assertTrue(report.isIntact(), report.damage().toString());
        assertEquals(2 * PER_DAY, report.records());
        assertEquals(1, report.firstSequence());
        assertEquals(2 * PER_DAY, report.lastSequence());
        assertEquals(2, report.files().size());
        assertEquals(PER_DAY, report.files().get(0).records());
    }

    @Test
    void shouldReportZerosOverRecordsWithTheSequencesTheyTook() throws IOException
    {
        overwrite(firstDay, DAMAGE_OFFSET, new byte[4096]);
        final JournalVerifier.Report report = JournalVerifier.verify(dir);
        assertEquals(1, report.damage().size(), report.damage().toString());
        final JournalVerifier.Damage damage = report.damage().get(0);
        assertEquals(firstDay, damage.file());
        assertTrue(damage.fromOffset() <= DAMAGE_OFFSET && damage.toOffset() >= DAMAGE_OFFSET + 4096, damage.toString());
        final long lost = damage.lastMissingSequence() - damage.firstMissingSequence() + 1;
        assertEquals(2 * PER_DAY - lost, report.records());
        assertEquals(2 * PER_DAY, report.lastSequence());
        assertReaderReportsDamageAndReadsTheRest(report);
    }

    @Test
    void shouldNeverTakeRandomBytesForRecords() throws IOException
    {
        final byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        overwrite(firstDay, DAMAGE_OFFSET, garbage);
        final JournalVerifier.Report report = JournalVerifier.verify(dir);
        assertFalse(report.isIntact());
        final JournalVerifier.Damage damage = report.damage().get(0);
        assertTrue(damage.fromOffset() <= DAMAGE_OFFSET + 4 && damage.toOffset() >= DAMAGE_OFFSET + 4096 - 68, damage.toString());
        final List<Long> sequences = new ArrayList<>();
        JournalVerifier.verify(dir, tick -> sequences.add(tick.sequence));
        assertTrue(sequences.stream().allMatch(sequence -> sequence >= 1 && sequence <= 2 * PER_DAY));
        assertEquals(report.records(), sequences.size());
        assertReaderReportsDamageAndReadsTheRest(report);
    }

    @Test
    void shouldReportAFileCutShortMidRecord() throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(firstDay.toFile(), "rw"))
        {
            file.setLength(DAMAGE_OFFSET);
        }
        final JournalVerifier.Report report = JournalVerifier.verify(dir);
        assertFalse(report.isIntact());
        assertEquals(2 * PER_DAY, report.lastSequence());
        final long lost = report.damage().stream()
            .filter(damage -> damage.firstMissingSequence() > 0)
            .mapToLong(damage -> damage.lastMissingSequence() - damage.firstMissingSequence() + 1).sum();
        assertTrue(lost > 0, report.damage().toString());
        assertEquals(2 * PER_DAY - lost, report.records());
    }

    @Test
    void shouldRefuseToOpenAJournalWhoseFileHeaderIsGarbageAndStillFindItsRecords() throws IOException
    {
        final byte[] garbage = new byte[512];
        new Random(7).nextBytes(garbage);
        overwrite(firstDay, 0, garbage);
        final JournalException refused = assertThrows(JournalException.class, () -> TickJournal.open(dir).close());
        assertTrue(refused.getMessage().contains(firstDay.getFileName().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("ticker journal repair"), refused.getMessage());

        final JournalVerifier.Report report = JournalVerifier.verify(dir);
        assertEquals(firstDay, report.damage().get(0).file());
        assertEquals(0, report.damage().get(0).fromOffset());
        assertEquals(0, report.damage().get(0).firstMissingSequence(), "no record lost with the header: " + report.damage());
        assertEquals(2 * PER_DAY, report.records(), "the records lie after the header and its indexes");
    }

    @Test
    void shouldContinueAfterTheTrueLastRecordWhenTheWriterStoppedInTheMiddleOfARecord() throws IOException
    {
        // a writer killed while writing: the next document's header is left "being written"
        final Path lastDay = JournalVerifier.queueFiles(dir.resolve(TickJournal.QUEUE_DIR)).get(1);
        final long end = 0x10110 + (4L + TickDescriptor.LENGTH) * PER_DAY;
        final java.nio.ByteBuffer unfinished = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putInt(0, 0x8000_0000 | TickDescriptor.LENGTH);
        overwrite(lastDay, end, unfinished.array());
        assertTrue(JournalVerifier.verify(dir).isIntact(), "an unfinished last document is the end of the records, not damage");

        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            assertEquals(2 * PER_DAY, appender.lastSequence());
            assertEquals(2 * PER_DAY + 1, appender.appendTrade(T0 + 2 * DAY_NS - 1, 1, 100, 10, TickDescriptor.SIDE_BUY));
        }
        final JournalVerifier.Report report = JournalVerifier.verify(dir);
        assertTrue(report.isIntact(), report.damage().toString());
        assertEquals(2 * PER_DAY + 1, report.records());
    }

    /** A reader from the start is told of the damage, and after it reads every other record. */
    private void assertReaderReportsDamageAndReadsTheRest(final JournalVerifier.Report report)
    {
        try (TickJournal journal = TickJournal.open(dir); TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            long read = 0;
            long damageReports = 0;
            long last = 0;
            for (int attempts = 0; attempts < 4 * PER_DAY; attempts++)
            {
                try
                {
                    if (!tailer.readNext(tick))
                    {
                        break;
                    }
                    assertTrue(tick.sequence > last, "sequence " + tick.sequence + " after " + last);
                    last = tick.sequence;
                    read++;
                }
                catch (final JournalDamageException ex)
                {
                    damageReports++;
                }
            }
            assertTrue(damageReports > 0, "the reader said nothing of the damage");
            assertEquals(2 * PER_DAY, last, "the reader stopped at the damage");
            assertTrue(read >= PER_DAY, "read " + read);
        }
    }

    private static void overwrite(final Path file, final long offset, final byte[] bytes) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            raf.write(bytes);
        }
    }
}
