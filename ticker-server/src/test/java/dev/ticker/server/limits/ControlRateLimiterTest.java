package dev.ticker.server.limits;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlRateLimiterTest
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    @Test
    void shouldAllowABurstThenRefuseTheNextMessage()
    {
        final long start = 123_456_789L;
        final ControlRateLimiter limiter = new ControlRateLimiter(10, 5, start);
        for (int i = 0; i < 5; i++)
        {
            assertTrue(limiter.tryAcquire(start), "message " + i + " of the burst");
        }
        assertFalse(limiter.tryAcquire(start), "one over the burst");
    }

    @Test
    void shouldRefillOneTokenPerIntervalAndNoMoreThanTheBurst()
    {
        final long start = -42L; // System.nanoTime() may be negative
        final ControlRateLimiter limiter = new ControlRateLimiter(10, 2, start);
        assertTrue(limiter.tryAcquire(start));
        assertTrue(limiter.tryAcquire(start));
        assertFalse(limiter.tryAcquire(start + SECOND_NS / 10 - 1), "just before the next token");
        assertTrue(limiter.tryAcquire(start + SECOND_NS / 10), "one token per 100 ms");
        assertFalse(limiter.tryAcquire(start + SECOND_NS / 10));

        final long later = start + 60 * SECOND_NS; // a long quiet time fills the bucket, but only to the burst
        assertTrue(limiter.tryAcquire(later));
        assertTrue(limiter.tryAcquire(later));
        assertFalse(limiter.tryAcquire(later));
    }

    @Test
    void shouldHoldASteadyRateAtTheLimit()
    {
        final long start = Long.MAX_VALUE - 5 * SECOND_NS; // arithmetic survives the clock wrapping
        final ControlRateLimiter limiter = new ControlRateLimiter(4, 1, start);
        for (int i = 0; i < 40; i++)
        {
            assertTrue(limiter.tryAcquire(start + i * (SECOND_NS / 4)), "message " + i + " at exactly the rate");
        }
    }
}
