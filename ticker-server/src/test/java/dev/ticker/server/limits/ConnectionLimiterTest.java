package dev.ticker.server.limits;

import dev.ticker.server.metrics.ConnectionCounters;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConnectionLimiterTest
{
    private static final InetAddress ONE = InetAddress.getLoopbackAddress();
    private static final InetAddress TWO = address(127, 0, 0, 2);
    private static final InetAddress THREE = address(127, 0, 0, 3);

    @Test
    void shouldRefuseTheConnectionOverTheLimitPerAddressButNotOtherAddresses()
    {
        final ConnectionLimiter limiter = new ConnectionLimiter(10, 2);
        assertNull(limiter.tryAcquire(ONE));
        assertNull(limiter.tryAcquire(ONE));
        assertEquals(ConnectionCounters.Refusal.MAX_CONNECTIONS_PER_ADDRESS, limiter.tryAcquire(ONE));
        assertNull(limiter.tryAcquire(TWO));
        assertEquals(2, limiter.connections(ONE), "a refused connection takes no slot");
        assertEquals(3, limiter.connections());

        limiter.release(ONE);
        assertNull(limiter.tryAcquire(ONE), "a closed connection gives its slot back");
    }

    @Test
    void shouldRefuseTheConnectionOverTheTotalLimit()
    {
        final ConnectionLimiter limiter = new ConnectionLimiter(2, 2);
        assertNull(limiter.tryAcquire(ONE));
        assertNull(limiter.tryAcquire(TWO));
        assertEquals(ConnectionCounters.Refusal.MAX_CONNECTIONS, limiter.tryAcquire(THREE));
        assertEquals(0, limiter.connections(THREE));
        assertEquals(2, limiter.connections());

        limiter.release(TWO);
        limiter.release(ONE);
        assertEquals(0, limiter.connections());
        assertEquals(0, limiter.connections(ONE));
        assertNull(limiter.tryAcquire(THREE));
    }

    private static InetAddress address(final int a, final int b, final int c, final int d)
    {
        try
        {
            return InetAddress.getByAddress(new byte[] {(byte)a, (byte)b, (byte)c, (byte)d});
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
