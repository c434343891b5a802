package dev.ticker.server.limits;

import dev.ticker.server.metrics.ConnectionCounters;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open WebSocket connections, in total and per remote IP address, and refuses one over
 * either limit, so that one client (or a crowd) cannot take every socket and session buffer of the
 * server. Called by Undertow's IO threads, several at once; a connection takes its slot when it is
 * accepted and gives it back when it closes.
 *
 * <p>The address is the TCP peer's: behind a reverse proxy every client shares the proxy's address,
 * and headers such as X-Forwarded-For are not trusted.
 */
public final class ConnectionLimiter
{
    private final int maxConnections;
    private final AtomicInteger connections = new AtomicInteger();
    private final AddressCounts perAddress;

    public ConnectionLimiter(final int maxConnections, final int maxConnectionsPerAddress)
    {
        this.maxConnections = maxConnections;
        this.perAddress = new AddressCounts(maxConnectionsPerAddress);
    }

    /**
     * Takes a slot for a connection from {@code address}.
     *
     * @return null when the connection may open, else the limit it would break (no slot is taken).
     */
    public ConnectionCounters.Refusal tryAcquire(final InetAddress address)
    {
        if (connections.incrementAndGet() > maxConnections)
        {
            connections.decrementAndGet();
            return ConnectionCounters.Refusal.MAX_CONNECTIONS;
        }
        if (!perAddress.tryIncrement(address))
        {
            connections.decrementAndGet();
            return ConnectionCounters.Refusal.MAX_CONNECTIONS_PER_ADDRESS;
        }
        return null;
    }

    /** Gives back the slot of a connection from {@code address} that {@link #tryAcquire} let open. */
    public void release(final InetAddress address)
    {
        perAddress.decrement(address);
        connections.decrementAndGet();
    }

    /** Connections open now. */
    public int connections()
    {
        return connections.get();
    }

    /** Connections open now from {@code address}. */
    public int connections(final InetAddress address)
    {
        return perAddress.count(address);
    }

    public int maxConnections()
    {
        return maxConnections;
    }

    public int maxConnectionsPerAddress()
    {
        return perAddress.maxPerAddress();
    }
}
