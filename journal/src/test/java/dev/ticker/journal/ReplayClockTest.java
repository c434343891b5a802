package dev.ticker.journal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayClockTest
{
    private static final long RECORDED = 1_763_650_000_000_000_000L;
    private static final long WALL = 5_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldReleaseRecordsAtTheirEventTimeDividedByTheSpeed()
    {
        final ReplayClock clock = new ReplayClock(RECORDED, 10, WALL);
        assertEquals(WALL + SECOND, clock.dueAt(RECORDED + 10 * SECOND));
        assertFalse(clock.isDue(RECORDED + 10 * SECOND, WALL + SECOND - 1));
        assertTrue(clock.isDue(RECORDED + 10 * SECOND, WALL + SECOND));
        assertEquals(RECORDED + 5 * SECOND, clock.recordedNow(WALL + SECOND / 2));
    }

    @Test
    void shouldKeepABurstABurstAtEverySpeed()
    {
        // three records 1 ms apart, then one a minute later: at 100x the burst is 10 us apart
        final ReplayClock clock = new ReplayClock(RECORDED, 100, WALL);
        final long ms = 1_000_000;
        assertEquals(10_000, clock.dueAt(RECORDED + 2 * ms) - clock.dueAt(RECORDED + ms));
        assertEquals(600 * 1_000_000L, clock.dueAt(RECORDED + 60 * SECOND) - clock.dueAt(RECORDED));
    }

    @Test
    void shouldFreezeWhilePausedAndPlayOnFromThePosition()
    {
        final ReplayClock clock = new ReplayClock(RECORDED, 1, WALL);
        clock.pause(WALL + 2 * SECOND);
        assertEquals(RECORDED + 2 * SECOND, clock.recordedNow(WALL + 60 * SECOND));
        assertFalse(clock.isDue(RECORDED + SECOND, WALL + 60 * SECOND), "nothing is due while paused");
        assertEquals(Long.MAX_VALUE, clock.dueAt(RECORDED + 3 * SECOND));

        clock.resume(WALL + 60 * SECOND);
        assertEquals(RECORDED + 3 * SECOND, clock.recordedNow(WALL + 61 * SECOND));
    }

    @Test
    void shouldKeepThePositionWhenTheSpeedChanges()
    {
        final ReplayClock clock = new ReplayClock(RECORDED, 1, WALL);
        clock.speed(60, WALL + 10 * SECOND);
        assertEquals(RECORDED + 10 * SECOND, clock.recordedNow(WALL + 10 * SECOND));
        assertEquals(RECORDED + 70 * SECOND, clock.recordedNow(WALL + 11 * SECOND));
    }

    @Test
    void shouldReleaseEverythingAtOnceWhenNotPacingAndPaceOnFromTheLastRecordReleased()
    {
        final ReplayClock clock = new ReplayClock(RECORDED, ReplayClock.AS_FAST_AS_POSSIBLE, WALL);
        assertTrue(clock.isDue(RECORDED + 3_600 * SECOND, WALL));
        clock.onReleased(RECORDED + 30 * SECOND);
        assertEquals(RECORDED + 30 * SECOND, clock.recordedNow(WALL + SECOND));

        clock.speed(1, WALL + SECOND);
        assertEquals(RECORDED + 31 * SECOND, clock.recordedNow(WALL + 2 * SECOND));
    }

    @Test
    void shouldMoveToTheSeekedTimeAndStayPausedIfItWas()
    {
        final ReplayClock clock = new ReplayClock(RECORDED, 10, WALL);
        clock.pause(WALL + SECOND);
        clock.seek(RECORDED + 3_600 * SECOND, WALL + 2 * SECOND);
        assertTrue(clock.isPaused());
        assertEquals(RECORDED + 3_600 * SECOND, clock.recordedNow(WALL + 5 * SECOND));
    }

    @Test
    void shouldRefuseASpeedOutOfRange()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new ReplayClock(RECORDED, 1e6, WALL));
        assertTrue(error.getMessage().startsWith("speed=1000000.0: must be 0.01 to 100000.0"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReplayClock(RECORDED, -1, WALL));
    }
}
