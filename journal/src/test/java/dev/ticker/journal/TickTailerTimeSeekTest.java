package dev.ticker.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickTailerTimeSeekTest
{
    private static final long DAY_NS = TimeUnit.DAYS.toNanos(1);
    private static final long T0 = 1_763_596_800_000_000_000L; // 2025-11-20T00:00:00Z

    @TempDir
    Path dir;

    @Test
    void shouldFindTheFirstRecordAtOrAfterATimeAcrossDailyRollCycles()
    {
        // three days with records, a day without any, then two more; several records share a time
        final long[] times = new long[3_000];
        final SplittableRandom random = new SplittableRandom(11);
        long time = T0 + TimeUnit.HOURS.toNanos(9);
        for (int i = 0; i < times.length; i++)
        {
            if (i == 1_500)
            {
                time += 2 * DAY_NS;
            }
            time += random.nextInt(3) * TimeUnit.SECONDS.toNanos(random.nextInt(1, 200));
            times[i] = time;
        }
        try (TickJournal journal = TickJournal.open(dir);
            TickAppender appender = journal.appender();
            TickTailer tailer = journal.tailer())
        {
            for (final long t : times)
            {
                appender.appendTrade(t, 1, 100, 1, TickDescriptor.SIDE_BUY);
            }
            assertTrue(times[times.length - 1] - times[0] > 3 * DAY_NS, "the records span several roll cycles");

            final Tick tick = new Tick();
            for (int probe = 0; probe < 400; probe++)
            {
                final int index = random.nextInt(times.length);
                final long at = times[index] + (random.nextBoolean() ? 0 : random.nextLong(-TimeUnit.HOURS.toNanos(30), TimeUnit.HOURS.toNanos(30)));
                final long expected = firstAtOrAfter(times, at);

                final long sequence = tailer.moveToTime(at);
                assertEquals(expected, sequence, "seek to " + at);
                if (expected <= times.length)
                {
                    assertTrue(tailer.readNext(tick));
                    assertEquals(expected, tick.sequence);
                    assertTrue(tick.eventTimeNs >= at);
                }
                else
                {
                    assertFalse(tailer.readNext(tick), "after the head: nothing yet");
                }
            }

            assertEquals(1, tailer.moveToTime(Long.MIN_VALUE));
            assertTrue(tailer.readNext(tick));
            assertEquals(1, tick.sequence);

            assertEquals(times.length + 1, tailer.moveToTime(times[times.length - 1] + 1));
            appender.appendTrade(times[times.length - 1] + 5, 2, 100, 1, TickDescriptor.SIDE_SELL);
            assertTrue(tailer.readNext(tick), "a seek past the last record waits for the next one appended");
            assertEquals(times.length + 1, tick.sequence);
        }
    }

    @Test
    void shouldSeekByTimeInAnEmptyJournalToTheFirstSequence()
    {
        try (TickJournal journal = TickJournal.open(dir); TickTailer tailer = journal.tailer())
        {
            assertEquals(1, tailer.moveToTime(T0));
            try (TickAppender appender = journal.appender())
            {
                appender.appendQuote(T0 - 5, 0, 1, 1, 2, 1);
            }
            final Tick tick = new Tick();
            assertTrue(tailer.readNext(tick));
            assertEquals(1, tick.sequence);
        }
    }

    private static long firstAtOrAfter(final long[] times, final long at)
    {
        for (int i = 0; i < times.length; i++)
        {
            if (times[i] >= at)
            {
                return i + 1;
            }
        }
        return times.length + 1;
    }
}
