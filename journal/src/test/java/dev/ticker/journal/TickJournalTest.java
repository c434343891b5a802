package dev.ticker.journal;

import dev.ticker.proto.v1.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickJournalTest
{
    private static final long DAY_NS = TimeUnit.DAYS.toNanos(1);
    private static final long T0 = 1_763_596_800_000_000_000L; // 2025-11-20T00:00:00Z

    @TempDir
    Path dir;

    @Test
    void shouldReadBackEveryFieldOfTradesQuotesAndStatusChangesInOrder()
    {
        try (TickJournal journal = TickJournal.open(dir);
            TickAppender appender = journal.appender();
            TickTailer tailer = journal.tailer())
        {
            assertEquals(1, appender.appendTrade(T0 + 1, 3, 1_234_500, 200, TickDescriptor.SIDE_BUY));
            assertEquals(2, appender.appendQuote(T0 + 2, 4, 99_900, 300, 100_100, 400));

            final Tick tick = new Tick();
            assertTrue(tailer.readNext(tick));
            assertTrue(tick.isTrade());
            assertEquals(1, tick.sequence);
            assertEquals(T0 + 1, tick.eventTimeNs);
            assertEquals(3, tick.instrumentId);
            assertEquals(1_234_500, tick.price);
            assertEquals(200, tick.size);
            assertEquals(TickDescriptor.SIDE_BUY, tick.side);

            assertTrue(tailer.readNext(tick));
            assertTrue(tick.isQuote());
            assertEquals(2, tick.sequence);
            assertEquals(T0 + 2, tick.eventTimeNs);
            assertEquals(4, tick.instrumentId);
            assertEquals(99_900, tick.price);
            assertEquals(300, tick.size);
            assertEquals(100_100, tick.askPrice);
            assertEquals(400, tick.askSize);

            assertEquals(3, appender.appendStatus(T0 + 3, 5, TickDescriptor.STATUS_HALTED));
            assertTrue(tailer.readNext(tick));
            assertTrue(tick.isStatus());
            assertEquals(3, tick.sequence);
            assertEquals(T0 + 3, tick.eventTimeNs);
            assertEquals(5, tick.instrumentId);
            assertEquals(TickDescriptor.STATUS_HALTED, tick.status());
            assertEquals(0, tick.price);

            assertFalse(tailer.readNext(tick), "nothing after the last record");
            appender.appendTrade(T0 + 4, 1, 5, 6, TickDescriptor.SIDE_SELL);
            assertTrue(tailer.readNext(tick), "a tailer at the end sees the next record appended");
            assertEquals(4, tick.sequence);
        }
    }

    @Test
    void shouldContinueTheSequenceAfterTheWriterReopens()
    {
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            for (int i = 0; i < 10; i++)
            {
                appender.appendTrade(T0 + i, 0, 100 + i, 1, TickDescriptor.SIDE_BUY);
            }
        }
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            assertEquals(10, appender.lastSequence());
            assertEquals(11, appender.appendTrade(T0 + 10, 0, 110, 1, TickDescriptor.SIDE_BUY));
        }
        try (TickJournal journal = TickJournal.open(dir); TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            long expected = 1;
            while (tailer.readNext(tick))
            {
                assertEquals(expected, tick.sequence);
                assertEquals(99 + expected, tick.price);
                expected++;
            }
            assertEquals(12, expected);
            assertEquals(11, journal.headSequence());
        }
    }

    @Test
    void shouldTailFromAGivenSequenceAcrossDailyRollCycles()
    {
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            // three days of 100 records each: three queue files
            for (int day = 0; day < 3; day++)
            {
                for (int i = 0; i < 100; i++)
                {
                    appender.appendTrade(T0 + day * DAY_NS + i * 1_000_000L, i % 5, 1000 + day * 100 + i, 1, TickDescriptor.SIDE_BUY);
                }
            }
        }
        try (TickJournal journal = TickJournal.open(dir); TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            for (final long sequence : new long[] {1, 2, 99, 100, 101, 150, 200, 201, 250, 300})
            {
                assertTrue(tailer.moveToSequence(sequence), "seek to " + sequence);
                assertTrue(tailer.readNext(tick));
                assertEquals(sequence, tick.sequence);
                final long day = (sequence - 1) / 100;
                assertEquals(1000 + day * 100 + (sequence - 1) % 100, tick.price);
            }
            assertEquals(1, tailer.firstSequence());
            assertEquals(300, tailer.lastSequence());

            assertTrue(tailer.moveToSequence(301), "the sequence after the head waits for the next record");
            assertFalse(tailer.readNext(tick));
            assertFalse(tailer.moveToSequence(302), "beyond head + 1");
            assertFalse(tailer.moveToSequence(0), "before the first record");
        }
        try (var files = Files.list(dir.resolve(TickJournal.QUEUE_DIR)))
        {
            assertEquals(3, files.filter(f -> f.toString().endsWith(".cq4")).count(), "one queue file per event day");
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Test
    void shouldWaitAtTheSequenceAfterTheHeadForTheNextRecordAppended()
    {
        try (TickJournal journal = TickJournal.open(dir);
            TickAppender appender = journal.appender();
            TickTailer tailer = journal.tailer())
        {
            appender.appendTrade(T0, 0, 100, 1, TickDescriptor.SIDE_BUY);
            appender.appendTrade(T0 + 1, 0, 101, 1, TickDescriptor.SIDE_BUY);
            assertTrue(tailer.moveToSequence(3));
            final Tick tick = new Tick();
            assertFalse(tailer.readNext(tick));

            appender.appendTrade(T0 + 2, 0, 102, 1, TickDescriptor.SIDE_BUY);
            appender.appendTrade(T0 + 3, 0, 103, 1, TickDescriptor.SIDE_BUY);
            assertTrue(tailer.readNext(tick));
            assertEquals(3, tick.sequence, "the first record appended after the seek, not a later one");
            assertEquals(102, tick.price);
        }
    }

    @Test
    void shouldSeekInAnEmptyJournalOnlyToTheFirstSequence()
    {
        try (TickJournal journal = TickJournal.open(dir); TickTailer tailer = journal.tailer())
        {
            assertEquals(TickDescriptor.NO_SEQUENCE, journal.headSequence());
            assertTrue(tailer.moveToSequence(1));
            assertFalse(tailer.moveToSequence(2));
        }
    }

    @Test
    void shouldAllowOnlyOneWriter()
    {
        try (TickJournal journal = TickJournal.open(dir); TickAppender first = journal.appender())
        {
            assertEquals(TickDescriptor.NO_SEQUENCE, first.lastSequence());
            final JournalException ex = assertThrows(JournalException.class, journal::appender);
            assertTrue(ex.getMessage().contains("one writer"), ex.getMessage());
        }
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            assertEquals(1, appender.appendTrade(T0, 0, 1, 1, TickDescriptor.SIDE_BUY), "the lock is released on close");
        }
    }

    @Test
    void shouldExplainAFolderThatCannotBeCreated() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        final JournalException ex = assertThrows(JournalException.class, () -> TickJournal.open(file.resolve("journal")));
        assertTrue(ex.getMessage().contains("cannot be created"), ex.getMessage());
        assertTrue(ex.getMessage().contains(file.toString()), ex.getMessage());
    }

    @Test
    void shouldKeepInstrumentIdsWhenTheUniverseGrows()
    {
        final Instrument aaa = Instrument.newBuilder().setSymbol("AAA").setPriceDecimals(2).build();
        final Instrument bbb = Instrument.newBuilder().setSymbol("BBB").setPriceDecimals(2).build();
        final Instrument ccc = Instrument.newBuilder().setSymbol("CCC").setPriceDecimals(4).build();

        InstrumentCatalog.empty().merge(List.of(aaa, bbb)).save(dir);
        final InstrumentCatalog grown = InstrumentCatalog.load(dir).merge(List.of(ccc, aaa.toBuilder().setName("A").build()));
        grown.save(dir);

        final InstrumentCatalog loaded = InstrumentCatalog.load(dir);
        assertEquals(3, loaded.size());
        assertEquals(0, loaded.bySymbol("AAA").getId());
        assertEquals("A", loaded.bySymbol("AAA").getName());
        assertEquals(1, loaded.bySymbol("BBB").getId());
        assertEquals(2, loaded.bySymbol("CCC").getId());
        assertEquals("CCC", loaded.byId(2).getSymbol());
        assertNull(loaded.byId(3));
        assertNull(loaded.bySymbol("ZZZ"));
    }

    @Test
    void shouldRejectACorruptCatalogueWithItsPath() throws Exception
    {
        Files.write(dir.resolve(InstrumentCatalog.FILE_NAME), new byte[] {(byte)0xFF, (byte)0xFF, 0x01});
        final JournalException ex = assertThrows(JournalException.class, () -> InstrumentCatalog.load(dir));
        assertTrue(ex.getMessage().contains("is corrupt"), ex.getMessage());
        assertTrue(ex.getMessage().contains(InstrumentCatalog.FILE_NAME), ex.getMessage());
    }
}
