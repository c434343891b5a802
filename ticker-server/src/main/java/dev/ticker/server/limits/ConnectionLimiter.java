package dev.ticker.server.limits;

import dev.ticker.server.metrics.ConnectionCounters;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
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
    private final int maxConnectionsPerAddress;
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimiter(final int maxConnections, final int maxConnectionsPerAddress)
    {
        this.maxConnections = maxConnections;
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
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
        if (perAddress.merge(address, 1, Integer::sum) > maxConnectionsPerAddress)
        {
            releaseAddress(address);
            connections.decrementAndGet();
            return ConnectionCounters.Refusal.MAX_CONNECTIONS_PER_ADDRESS;
        }
        return null;
    }

    /** Gives back the slot of a connection from {@code address} that {@link #tryAcquire} let open. */
    public void release(final InetAddress address)
    {
        releaseAddress(address);
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
        return perAddress.getOrDefault(address, 0);
    }

    public int maxConnections()
    {
        return maxConnections;
    }

    public int maxConnectionsPerAddress()
    {
        return maxConnectionsPerAddress;
    }

    private void releaseAddress(final InetAddress address)
    {
        perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }
}
