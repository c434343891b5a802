package dev.ticker.server.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What happened at the edge of the server, to WebSocket connections rather than to ticks: opened,
 * refused by a limit, closed (by close code), timed out, rate limited. Written by Undertow's IO
 * threads, many at once, hence atomics; none of it is on the per-tick path. Read by /metrics.
 */
public final class ConnectionCounters
{
    /** Why a connection was refused, with its label value in /metrics. */
    public enum Refusal
    {
        /** {@link ServerConfiguration#maxConnections()} connections are open. */
        MAX_CONNECTIONS("max_connections"),
        /** {@link ServerConfiguration#maxConnectionsPerAddress()} connections from the same address are open. */
        MAX_CONNECTIONS_PER_ADDRESS("max_connections_per_address"),
        /** The stream agent's command queue was full. */
        SERVER_BUSY("server_busy");

        private final String label;

        Refusal(final String label)
        {
            this.label = label;
        }

        public String label()
        {
            return label;
        }
    }

    /** Close codes 1000 to 1015 have their own series; any other code counts as "other". */
    static final int FIRST_CLOSE_CODE = 1000;
    static final int LAST_CLOSE_CODE = 1015;
    /** RFC 6455: no close frame was exchanged, the connection just ended. */
    static final int CLOSE_ABNORMAL = 1006;
    private static final int OTHER_CLOSE_CODES = LAST_CLOSE_CODE - FIRST_CLOSE_CODE + 1;

    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong pingTimeouts = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong httpRateLimited = new AtomicLong();
    private final AtomicLongArray refused = new AtomicLongArray(Refusal.values().length);
    private final AtomicLongArray closes = new AtomicLongArray(OTHER_CLOSE_CODES + 1);

    public void onOpened()
    {
        opened.incrementAndGet();
    }

    public void onRefused(final Refusal reason)
    {
        refused.incrementAndGet(reason.ordinal());
    }

    public void onClosed(final int closeCode)
    {
        closes.incrementAndGet(closeIndex(closeCode));
    }

    public void onPingTimeout()
    {
        pingTimeouts.incrementAndGet();
    }

    public void onRateLimited()
    {
        rateLimited.incrementAndGet();
    }

    public void onHttpRateLimited()
    {
        httpRateLimited.incrementAndGet();
    }

    /** HTTP requests answered 429 because their address passed httpRequestsPerSecond. */
    public long httpRateLimited()
    {
        return httpRateLimited.get();
    }

    /** WebSocket connections accepted since start (refused ones not included). */
    public long opened()
    {
        return opened.get();
    }

    public long refused(final Refusal reason)
    {
        return refused.get(reason.ordinal());
    }

    /**
     * Connections that ended with {@code closeCode}: the code of the first close frame, whoever sent
     * it; 1006 when none was exchanged. Codes outside 1000..1015 are counted together under
     * {@code closes(0)}.
     */
    public long closes(final int closeCode)
    {
        return closes.get(closeIndex(closeCode));
    }

    /** Connections closed because the peer answered no ping within the timeout. */
    public long pingTimeouts()
    {
        return pingTimeouts.get();
    }

    /** Connections closed because they sent client messages faster than allowed. */
    public long rateLimited()
    {
        return rateLimited.get();
    }

    private static int closeIndex(final int closeCode)
    {
        return closeCode >= FIRST_CLOSE_CODE && closeCode <= LAST_CLOSE_CODE ? closeCode - FIRST_CLOSE_CODE : OTHER_CLOSE_CODES;
    }
}
