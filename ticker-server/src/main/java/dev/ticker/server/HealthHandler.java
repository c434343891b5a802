package dev.ticker.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: whether the stream agent is running and keeping up with the journal.
 * 200 with {@code "status":"ok"}, or 503 with {@code "lagging"} (too many records behind the
 * head) or {@code "stalled"} (no duty cycle for a second), and the figures behind the verdict.
 */
final class HealthHandler implements HttpHandler
{
    private static final long STALL_NS = TimeUnit.SECONDS.toNanos(1);

    private final ServerCounters counters;
    private final long maxHealthyLag;
    private final EpochNanoClock clock;

    HealthHandler(final ServerCounters counters, final long maxHealthyLag, final EpochNanoClock clock)
    {
        this.counters = counters;
        this.maxHealthyLag = maxHealthyLag;
        this.clock = clock;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange)
    {
        final long head = counters.headSequence();
        final long scanned = counters.scannedSequence();
        final long lag = head - scanned;
        final long sinceCycleNs = clock.nanoTime() - counters.lastDutyCycleEpochNs();
        final String status = sinceCycleNs > STALL_NS ? "stalled" : lag > maxHealthyLag ? "lagging" : "ok";
        exchange.setStatusCode("ok".equals(status) ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send("{\"status\":\"" + status + "\"" +
            ",\"headSequence\":" + head +
            ",\"scannedSequence\":" + scanned +
            ",\"lagRecords\":" + lag +
            ",\"sessions\":" + counters.sessions() +
            ",\"ticksIn\":" + counters.ticksIn() +
            ",\"ticksOut\":" + counters.ticksOut() +
            ",\"framesOut\":" + counters.framesOut() +
            ",\"bytesOut\":" + counters.bytesOut() + "}\n");
    }
}
