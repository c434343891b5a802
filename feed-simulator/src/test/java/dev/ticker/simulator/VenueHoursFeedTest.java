package dev.ticker.simulator;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live feed on venue hours, driven by hand with a clock the test moves through whole days, into
 * a real journal: a Tokyo stock, a New York stock and Bitcoin each publish only in their venue's
 * session (Tokyo not in its lunch break, neither stock at the weekend), say CLOSED outside it, and
 * the feed's rate is shared by whatever is open.
 */
class VenueHoursFeedTest
{
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final int RATE = 4;

    @TempDir
    Path dir;

    /** Both clocks of the agent: epoch time and monotonic time move together. */
    private static final class ManualClock implements EpochNanoClock, NanoClock
    {
        long nowNs;

        @Override
        public long nanoTime()
        {
            return nowNs;
        }
    }

    /** What one instrument published, in journal order. */
    private record Published(List<Tick> statuses, List<Long> tickTimesNs)
    {
    }

    @Test
    void shouldPublishATokyoStockOnlyInItsMorningAndAfternoonSessionsOnAWeekday() throws Exception
    {
        // Thursday 3 December 2026, 08:00 in Tokyo, for a whole day
        final long startNs = epochNs(ZonedDateTime.of(2026, 12, 3, 8, 0, 0, 0, TOKYO));
        final Published[] published = run(startNs, TimeUnit.DAYS.toNanos(1));
        final Published toyota = published[0];

        assertEquals(List.of(TickDescriptor.STATUS_CLOSED, TickDescriptor.STATUS_TRADING, TickDescriptor.STATUS_CLOSED,
            TickDescriptor.STATUS_TRADING, TickDescriptor.STATUS_CLOSED), statuses(toyota), "closed at 08:00, the two sessions");
        assertEquals(List.of(startNs, at(2026, 12, 3, 9, 0, TOKYO), at(2026, 12, 3, 11, 30, TOKYO), at(2026, 12, 3, 12, 30, TOKYO),
            at(2026, 12, 3, 15, 30, TOKYO)), sessionTimes(toyota));
        int morning = 0;
        int afternoon = 0;
        for (final long timeNs : toyota.tickTimesNs())
        {
            final LocalTime local = local(timeNs, TOKYO);
            assertTrue(!local.isBefore(LocalTime.of(9, 0)) && local.isBefore(LocalTime.of(15, 30)) &&
                (local.isBefore(LocalTime.of(11, 30)) || !local.isBefore(LocalTime.of(12, 30))),
                "7203.T publishes only 09:00-11:30 and 12:30-15:30 Tokyo time, not at " + local);
            morning += local.isBefore(LocalTime.of(12, 0)) ? 1 : 0;
            afternoon += local.isBefore(LocalTime.of(12, 0)) ? 0 : 1;
        }
        assertTrue(morning > 0 && afternoon > 0, "it trades in both sessions: " + morning + ", " + afternoon);

        final Published apple = published[1];
        for (final long timeNs : apple.tickTimesNs())
        {
            final LocalTime local = local(timeNs, NEW_YORK);
            assertTrue(!local.isBefore(LocalTime.of(9, 30)) && local.isBefore(LocalTime.of(16, 0)),
                "AAPL publishes only 09:30-16:00 New York time, not at " + local);
        }
        assertTrue(!apple.tickTimesNs().isEmpty(), "New York's Thursday session falls in the day");
        assertEquals(List.of(TickDescriptor.STATUS_CLOSED, TickDescriptor.STATUS_TRADING, TickDescriptor.STATUS_CLOSED), statuses(apple),
            "closed at the start, one session (a halt inside it aside)");
        assertEquals(List.of(startNs, at(2026, 12, 3, 9, 30, NEW_YORK), at(2026, 12, 3, 16, 0, NEW_YORK)), sessionTimes(apple));
        assertEquals(List.of(TickDescriptor.STATUS_TRADING), statuses(published[2]), "Bitcoin trades around the clock");
    }

    @Test
    void shouldPublishOnlyAroundTheClockInstrumentsAtTheWeekendAtTheWholeRate() throws Exception
    {
        // Saturday 5 December 2026, midnight UTC, for a whole day
        final long startNs = epochNs(ZonedDateTime.of(2026, 12, 5, 0, 0, 0, 0, ZoneId.of("UTC")));
        final long dayNs = TimeUnit.DAYS.toNanos(1);
        final Published[] published = run(startNs, dayNs);

        for (int i = 0; i < 2; i++)
        {
            assertEquals(List.of(TickDescriptor.STATUS_CLOSED), statuses(published[i]), "a stock says CLOSED at the start");
            assertEquals(startNs, published[i].statuses().get(0).eventTimeNs);
            assertEquals(List.of(), published[i].tickTimesNs(), "and publishes nothing at the weekend");
        }
        final Published bitcoin = published[2];
        assertEquals(List.of(TickDescriptor.STATUS_TRADING), statuses(bitcoin));
        final double perSecond = bitcoin.tickTimesNs().size() / (double)TimeUnit.NANOSECONDS.toSeconds(dayNs);
        assertTrue(perSecond > 0.6 * RATE && perSecond < 1.5 * RATE,
            "the one open instrument carries the feed's rate of " + RATE + " ticks/s, was " + perSecond);
    }

    @Test
    void shouldRefuseVenueHoursAtAnEvenPace()
    {
        final IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new SimulatorConfiguration().marketHours(MarketHours.VENUE).pace(Pace.EVEN).validate());
        assertEquals("marketHours=VENUE with pace=EVEN: venue hours need pace MODEL (EVEN writes the rate evenly whatever the hour)",
            error.getMessage());
    }

    /** Runs the feed on venue hours from {@code startNs} for {@code durationNs}, a minute per duty cycle. */
    private Published[] run(final long startNs, final long durationNs)
    {
        final List<SimulatedInstrument> universe = InstrumentFile.defaults().stream()
            .filter(instrument -> Set.of("7203.T", "AAPL", "BTCUSD").contains(instrument.symbol()))
            .sorted((a, b) -> List.of("7203.T", "AAPL", "BTCUSD").indexOf(a.symbol()) - List.of("7203.T", "AAPL", "BTCUSD").indexOf(b.symbol()))
            .toList();
        final Published[] published = new Published[universe.size()];
        for (int i = 0; i < published.length; i++)
        {
            published[i] = new Published(new ArrayList<>(), new ArrayList<>());
        }
        final ManualClock clock = new ManualClock();
        clock.nowNs = startNs;
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            final InstrumentCatalog catalog = journal.instruments().merge(InstrumentFile.definitions(universe));
            catalog.save(journal.directory());
            final List<SimulatedInstrument> instruments = universe.stream().map(i -> i.withInstrument(catalog.bySymbol(i.symbol()))).toList();
            final SimulatorAgent agent = new SimulatorAgent(new SimulatorConfiguration().instruments(instruments).rate(RATE)
                .marketHours(MarketHours.VENUE).maxBatch(1_000_000), instruments, appender, clock, clock);
            agent.onStart();
            try (TickTailer tailer = journal.tailer())
            {
                final Tick tick = new Tick();
                for (long elapsedNs = 0; elapsedNs <= durationNs; elapsedNs += TimeUnit.MINUTES.toNanos(1))
                {
                    clock.nowNs = startNs + elapsedNs;
                    agent.doWork();
                    while (tailer.readNext(tick))
                    {
                        final Published of = published[tick.instrumentId];
                        if (tick.isStatus())
                        {
                            final Tick status = new Tick();
                            status.status(tick.eventTimeNs, tick.instrumentId, tick.status());
                            of.statuses().add(status);
                        }
                        else
                        {
                            of.tickTimesNs().add(tick.eventTimeNs);
                        }
                    }
                }
            }
        }
        return published;
    }

    /** The session statuses: a halt (HALTED, then TRADING again inside the session) left out. */
    private static List<Byte> statuses(final Published published)
    {
        return sessionStatuses(published).stream().map(Tick::status).toList();
    }

    private static List<Long> sessionTimes(final Published published)
    {
        return sessionStatuses(published).stream().map(tick -> tick.eventTimeNs).toList();
    }

    private static List<Tick> sessionStatuses(final Published published)
    {
        final List<Tick> statuses = new ArrayList<>();
        boolean halted = false;
        for (final Tick status : published.statuses())
        {
            if (status.status() == TickDescriptor.STATUS_HALTED || halted && status.status() == TickDescriptor.STATUS_TRADING)
            {
                halted = status.status() == TickDescriptor.STATUS_HALTED;
                continue;
            }
            halted = false;
            statuses.add(status);
        }
        return statuses;
    }

    private static LocalTime local(final long epochNs, final ZoneId zone)
    {
        return Instant.ofEpochSecond(0, epochNs).atZone(zone).toLocalTime();
    }

    private static long at(final int year, final int month, final int day, final int hour, final int minute, final ZoneId zone)
    {
        return epochNs(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, zone));
    }

    private static long epochNs(final ZonedDateTime time)
    {
        return TimeUnit.SECONDS.toNanos(time.toEpochSecond());
    }
}
