package dev.ticker.simulator;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A venue's sessions: weekdays, lunch breaks, a session in progress, around-the-clock venues. */
class VenueHoursTest
{
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final VenueHours TOKYO_HOURS = new VenueHours(TOKYO, 9 * 60, 15 * 60 + 30, 11 * 60 + 30, 12 * 60 + 30, VenueHours.WEEKDAYS);
    private static final VenueHours CRYPTO_HOURS = new VenueHours(UTC, 0, 24 * 60, VenueHours.NO_BREAK, VenueHours.NO_BREAK, VenueHours.EVERY_DAY);

    @Test
    void shouldSplitATokyoDayAtLunchAndStartASessionInProgressNow()
    {
        // Thursday 3 December 2026, 10:00 in Tokyo: the morning session is in progress
        final long nowNs = at(2026, 12, 3, 10, 0, TOKYO);
        assertArrayEquals(new long[] {
            nowNs, at(2026, 12, 3, 11, 30, TOKYO),
            at(2026, 12, 3, 12, 30, TOKYO), at(2026, 12, 3, 15, 30, TOKYO)}, TOKYO_HOURS.sessions(nowNs, at(2026, 12, 4, 0, 0, TOKYO)));
        assertTrue(TOKYO_HOURS.isOpen(nowNs));
        assertFalse(TOKYO_HOURS.isOpen(at(2026, 12, 3, 12, 0, TOKYO)), "lunch");
        assertFalse(TOKYO_HOURS.isOpen(at(2026, 12, 3, 2, 0, TOKYO)), "2 a.m.");
        assertEquals(at(2026, 12, 3, 12, 30, TOKYO), TOKYO_HOURS.nextOpenNs(at(2026, 12, 3, 12, 0, TOKYO)));
    }

    @Test
    void shouldRunTheIntradayCurveOfASessionInProgressFromTheVenuesOpen()
    {
        final List<SimulatedInstrument> universe = InstrumentFile.defaults().stream()
            .filter(instrument -> instrument.symbol().equals("7203.T") || instrument.symbol().equals("BTCUSD")).toList();
        final long startNs = at(2026, 12, 3, 10, 0, TOKYO);
        final SessionSchedule schedule = SessionSchedule.venue(universe, startNs, 7);
        assertEquals(startNs, schedule.openNs(0, 0), "the session in progress starts now");
        assertEquals(at(2026, 12, 3, 9, 0, TOKYO), schedule.curveOriginNs(0, 0), "its curve at 10:00 is an hour past the open");
        assertEquals(at(2026, 12, 3, 11, 30, TOKYO) - at(2026, 12, 3, 9, 0, TOKYO), schedule.curvePeriodNs(0, 0));
        assertEquals(at(2026, 12, 3, 12, 30, TOKYO), schedule.curveOriginNs(0, 1), "the afternoon session's curve starts at its open");
        assertEquals(at(2026, 12, 3, 0, 0, UTC), schedule.curveOriginNs(1, 0), "around the clock: the curve runs from midnight");
        assertEquals(TimeUnit.DAYS.toNanos(1), schedule.curvePeriodNs(1, 0));
        assertEquals(1, schedule.sessionCount(1), "one session for the week");
    }

    @Test
    void shouldNotTradeAtTheWeekend()
    {
        // Friday 4 December 2026 at 16:00 in Tokyo: the next session is Monday's
        final long fridayEveningNs = at(2026, 12, 4, 16, 0, TOKYO);
        assertEquals(at(2026, 12, 7, 9, 0, TOKYO), TOKYO_HOURS.nextOpenNs(fridayEveningNs));
        assertArrayEquals(new long[0], TOKYO_HOURS.sessions(fridayEveningNs, at(2026, 12, 7, 0, 0, TOKYO)));
    }

    @Test
    void shouldJoinTheDaysOfAnAroundTheClockVenueIntoOneSession()
    {
        final long startNs = at(2026, 12, 5, 13, 0, UTC);
        final long endNs = startNs + TimeUnit.DAYS.toNanos(10);
        final long[] sessions = CRYPTO_HOURS.sessions(startNs, endNs);
        assertEquals(2, sessions.length, "no close at midnight");
        assertEquals(startNs, sessions[0]);
        assertTrue(sessions[1] >= endNs);
    }

    @Test
    void shouldDescribeItselfForPeople()
    {
        assertEquals("Mon-Fri 09:00-11:30, 12:30-15:30 Asia/Tokyo", TOKYO_HOURS.describe());
        assertEquals("Mon-Sun 00:00-24:00 UTC", CRYPTO_HOURS.describe());
        assertEquals("Mon,Wed,Fri 09:00-11:30, 12:30-15:30 Asia/Tokyo", TOKYO_HOURS.withDays(0b10101).describe());
    }

    @Test
    void shouldRefuseABreakOutsideTheSession()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> TOKYO_HOURS.withBreak(8 * 60, 10 * 60));
        assertEquals("break 480..600 minutes: must start after the open and end after its start, before the close", ex.getMessage());
    }

    @Test
    void shouldSayWhatIsInSessionAndWhatOpensNext()
    {
        final List<SimulatedInstrument> universe = InstrumentFile.defaults();
        // Saturday 5 December 2026, noon UTC: only crypto
        assertEquals("3 of " + universe.size() + " instruments in session now (CRYPTO); next to open: XASX at 2026-12-06T23:00:00Z " +
            "(Mon-Fri 10:00-16:00 Australia/Sydney)", VenueBoard.describe(universe, at(2026, 12, 5, 12, 0, UTC)));
        final List<SimulatedInstrument> stocks = universe.stream().filter(instrument -> !instrument.exchange().equals("CRYPTO")).toList();
        assertEquals("no venue is in session now (night or weekend at every one): every instrument shows CLOSED; next to open: " +
            "XASX at 2026-12-06T23:00:00Z (Mon-Fri 10:00-16:00 Australia/Sydney)", VenueBoard.describe(stocks, at(2026, 12, 5, 12, 0, UTC)));
    }

    private static long at(final int year, final int month, final int day, final int hour, final int minute, final ZoneId zone)
    {
        return TimeUnit.SECONDS.toNanos(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, zone).toEpochSecond());
    }
}
