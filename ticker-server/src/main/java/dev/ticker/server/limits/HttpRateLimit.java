package dev.ticker.server.limits;

import dev.ticker.server.metrics.ConnectionCounters;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.agrona.concurrent.NanoClock;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate-limits HTTP requests per client IP address, so that one address flooding the API cannot
 * take the server's time from everyone else: a token bucket per address ({@code burst} at once,
 * {@code perSecond} sustained), checked on the IO thread before any work, and answered 429 with
 * {@code Retry-After} when empty. Addresses whose bucket is full again are forgotten once many are
 * tracked (one sweep a second at most, by whichever request comes first), so a spread of addresses
 * cannot grow the table without bound.
 */
public final class HttpRateLimit implements HttpHandler
{
    /** Addresses tracked before the full buckets are swept out. */
    private static final int SWEEP_ABOVE = 16_384;
    /** At most one sweep a second: a sweep walks every address, which a request must not pay for each time. */
    private static final long SWEEP_INTERVAL_NS = 1_000_000_000L;

    private final HttpHandler next;
    private final int perSecond;
    private final int burst;
    private final NanoClock clock;
    private final ConnectionCounters counters;
    private final ConcurrentHashMap<InetAddress, ControlRateLimiter> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepNs;

    public HttpRateLimit(final int perSecond, final int burst, final NanoClock clock, final ConnectionCounters counters,
        final HttpHandler next)
    {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
        this.counters = counters;
        this.next = next;
        this.nextSweepNs = new AtomicLong(clock.nanoTime());
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        final InetAddress address = exchange.getSourceAddress().getAddress();
        final long nowNs = clock.nanoTime();
        final ControlRateLimiter bucket = buckets.computeIfAbsent(address, a -> new ControlRateLimiter(perSecond, burst, nowNs));
        final boolean allowed;
        synchronized (bucket)
        {
            allowed = bucket.tryAcquire(nowNs);
        }
        if (!allowed)
        {
            counters.onHttpRateLimited();
            exchange.setStatusCode(StatusCodes.TOO_MANY_REQUESTS);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getResponseSender().send("too many requests from " + address.getHostAddress() + ": at most " + perSecond +
                " per second (httpRequestsPerSecond), " + burst + " at once (httpRequestBurst)\n");
            return;
        }
        final long sweepAtNs = nextSweepNs.get();
        if (buckets.size() > SWEEP_ABOVE && nowNs - sweepAtNs >= 0 && nextSweepNs.compareAndSet(sweepAtNs, nowNs + SWEEP_INTERVAL_NS))
        {
            buckets.values().removeIf(b ->
            {
                synchronized (b)
                {
                    return b.isFull(nowNs);
                }
            });
        }
        next.handleRequest(exchange);
    }
}
