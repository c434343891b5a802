package dev.ticker.server.limits;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket for the client messages of one connection: {@code burst} messages at once, then
 * {@code perSecond} sustained. Kept as the generic cell rate algorithm, one timestamp instead of
 * a token count and a refill time, so that a check is a comparison and an add. Used by the
 * connection's IO thread only; the clock is passed in so that tests drive it.
 */
public final class ControlRateLimiter
{
    private final long intervalNs;
    private final long toleranceNs;
    /** When the bucket would be full again if no message came; before it, tokens are in use. */
    private long theoreticalArrivalNs;

    public ControlRateLimiter(final int perSecond, final int burst, final long nowNs)
    {
        this.intervalNs = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.toleranceNs = intervalNs * (burst - 1);
        this.theoreticalArrivalNs = nowNs;
    }

    /** Whether the bucket is full at {@code nowNs}: no token in use, so it holds no state worth keeping. */
    public boolean isFull(final long nowNs)
    {
        return theoreticalArrivalNs - nowNs <= 0;
    }

    /** Takes a token for a message arriving at {@code nowNs}; false when there is none. */
    public boolean tryAcquire(final long nowNs)
    {
        final long arrivalNs = theoreticalArrivalNs - nowNs > 0 ? theoreticalArrivalNs : nowNs;
        if (arrivalNs - nowNs > toleranceNs)
        {
            return false;
        }
        theoreticalArrivalNs = arrivalNs + intervalNs;
        return true;
    }
}
