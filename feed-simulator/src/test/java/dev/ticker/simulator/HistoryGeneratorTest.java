package dev.ticker.simulator;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.JournalException;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryGeneratorTest
{
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    private static final double LIGHT = 0.005;

    @TempDir
    Path dir;

    private GeneratorConfiguration settings(final String folder)
    {
        return new GeneratorConfiguration().journal(dir.resolve(folder).resolve("journal")).date(FRIDAY).activity(LIGHT);
    }

    @Test
    void shouldWriteTheSameJournalByteForByteForTheSameSettings() throws IOException
    {
        final TickCounts first = new HistoryGenerator(settings("a").seed(7)).run(ProgressListener.NONE);
        final TickCounts second = new HistoryGenerator(settings("b").seed(7)).run(ProgressListener.NONE);
        new HistoryGenerator(settings("c").seed(8)).run(ProgressListener.NONE);
        assertTrue(first.total() > 100_000, "ticks " + first.total());
        assertEquals(first.total(), second.total());

        final Map<String, byte[]> a = files(dir.resolve("a/journal"));
        final Map<String, byte[]> b = files(dir.resolve("b/journal"));
        final Map<String, byte[]> c = files(dir.resolve("c/journal"));
        assertTrue(a.keySet().stream().anyMatch(name -> name.endsWith(".cq4")), a.keySet().toString());
        assertEquals(a.keySet(), b.keySet());
        for (final String name : a.keySet())
        {
            assertArrayEquals(a.get(name), b.get(name), name + " is the same, byte for byte");
        }
        assertTrue(a.keySet().stream().filter(name -> name.endsWith(".cq4")).anyMatch(name -> !Arrays.equals(a.get(name), c.get(name))),
            "another seed gives another journal");
    }

    @Test
    void shouldStampEveryTickWithinItsInstrumentsSessionHoursOnWeekdays()
    {
        final TickCounts counts = new HistoryGenerator(settings("week").days(2).activity(0.002)).run(ProgressListener.NONE);
        final Path journalDir = dir.resolve("week/journal");
        final List<LocalDate> days = List.of(FRIDAY, FRIDAY.plusDays(3));
        long ticks = 0;
        long previousNs = Long.MIN_VALUE;
        int opens = 0;
        int closes = 0;
        try (TickJournal journal = TickJournal.open(journalDir); TickTailer tailer = journal.tailer())
        {
            final InstrumentCatalog catalog = journal.instruments();
            assertEquals(InstrumentFile.defaults().size(), catalog.size());
            final ZoneId[] zones = catalog.instruments().stream().map(i -> ZoneId.of(i.getTimeZone())).toArray(ZoneId[]::new);
            final Tick tick = new Tick();
            while (tailer.readNext(tick))
            {
                ticks++;
                assertEquals(ticks, tick.sequence);
                assertTrue(tick.eventTimeNs >= previousNs, "event times in order at " + tick);
                previousNs = tick.eventTimeNs;
                final Instrument instrument = catalog.byId(tick.instrumentId);
                final ZonedDateTime local = Instant.ofEpochSecond(0, tick.eventTimeNs).atZone(zones[tick.instrumentId]);
                final int minute = local.getHour() * 60 + local.getMinute();
                final boolean atMidnightClose = instrument.getSessionCloseMinute() == 24 * 60 && minute == 0 &&
                    days.contains(local.toLocalDate().minusDays(1));
                assertTrue(atMidnightClose || days.contains(local.toLocalDate()), "a trading day, not the weekend: " + tick + " " + local);
                assertTrue(atMidnightClose || (minute >= instrument.getSessionOpenMinute() && minute <= instrument.getSessionCloseMinute()),
                    instrument.getSymbol() + " within " + instrument.getSessionOpenMinute() + ".." + instrument.getSessionCloseMinute() + ": " + local);
                assertFalse(local.getDayOfWeek() == DayOfWeek.SATURDAY && !atMidnightClose, local.toString());
                if (tick.isStatus())
                {
                    opens += tick.status() == TickDescriptor.STATUS_TRADING && minute == instrument.getSessionOpenMinute() % (24 * 60) ? 1 : 0;
                    closes += tick.status() == TickDescriptor.STATUS_CLOSED ? 1 : 0;
                }
            }
        }
        assertEquals(counts.total(), ticks);
        assertEquals(2 * InstrumentFile.defaults().size(), closes, "every instrument closes on both days");
        assertTrue(opens >= 2 * InstrumentFile.defaults().size(), "every instrument opens on both days");
    }

    @Test
    void shouldRefuseAJournalThatHoldsRecordsAndLeaveItAsItWas() throws IOException
    {
        new HistoryGenerator(settings("once").seed(1)).run(ProgressListener.NONE);
        final Map<String, byte[]> before = files(dir.resolve("once/journal"));
        final JournalException ex = assertThrows(JournalException.class,
            () -> new HistoryGenerator(settings("once").seed(2)).run(ProgressListener.NONE));
        assertTrue(ex.getMessage().contains("already holds") && ex.getMessage().contains("--replace"), ex.getMessage());
        final Map<String, byte[]> after = files(dir.resolve("once/journal"));
        assertEquals(before.keySet(), after.keySet());
        assertArrayEquals(before.get("queue/20261120F.cq4"), after.get("queue/20261120F.cq4"));
        assertEquals(List.of("journal"), names(dir.resolve("once")), "no staging folder left behind");
    }

    @Test
    void shouldReplaceAJournalWhenAskedTo() throws IOException
    {
        new HistoryGenerator(settings("replace").seed(1)).run(ProgressListener.NONE);
        new HistoryGenerator(settings("fresh").seed(2)).run(ProgressListener.NONE);
        new HistoryGenerator(settings("replace").seed(2).replace(true)).run(ProgressListener.NONE);
        assertArrayEquals(files(dir.resolve("fresh/journal")).get("queue/20261120F.cq4"),
            files(dir.resolve("replace/journal")).get("queue/20261120F.cq4"));
        assertEquals(List.of("journal"), names(dir.resolve("replace")), "the old journal is gone");
    }

    @Test
    void shouldLeaveNothingBehindWhenCancelled() throws IOException
    {
        final HistoryGenerator generator = new HistoryGenerator(settings("cancelled"));
        generator.cancel();
        final JournalException ex = assertThrows(JournalException.class, () -> generator.run(ProgressListener.NONE));
        assertTrue(ex.getMessage().contains("cancelled"), ex.getMessage());
        assertFalse(Files.exists(dir.resolve("cancelled")), "no data folder, journal or staging folder");
    }

    @Test
    void shouldNameABadSetting()
    {
        final IllegalArgumentException days = assertThrows(IllegalArgumentException.class,
            () -> new HistoryGenerator(settings("x").days(0)));
        assertEquals("days=0: must be from 1 to 366", days.getMessage());
        final IllegalArgumentException activity = assertThrows(IllegalArgumentException.class,
            () -> new HistoryGenerator(settings("x").activity(0)));
        assertEquals("activity=0.0: must be above 0 and at most 100.0", activity.getMessage());
    }

    static Map<String, byte[]> files(final Path journal) throws IOException
    {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(journal))
        {
            for (final Path path : paths.filter(Files::isRegularFile).toList())
            {
                files.put(journal.relativize(path).toString(), Files.readAllBytes(path));
            }
        }
        return files;
    }

    static List<String> names(final Path folder) throws IOException
    {
        try (Stream<Path> entries = Files.list(folder))
        {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
