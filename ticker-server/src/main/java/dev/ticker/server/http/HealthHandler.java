package dev.ticker.server.http;

import dev.ticker.journal.TickJournal;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.metrics.ServerCounters;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code GET /health}: whether the stream agent is running and keeping up with the journal, for a
 * load balancer or an orchestrator. 200 with {@code "status":"ok"}, or 503 with {@code "stalled"}
 * (no duty cycle finished for {@code maxHealthyStallMs}) or {@code "lagging"} (more than
 * {@code maxHealthyLag} records behind the journal head) or {@code "degraded"} (the journal's disk is
 * full, so nothing new is written, or the journal cannot be read because it is damaged: the server
 * still serves what it can read), a sentence saying why, and the figures behind the verdict. Never
 * 500: a journal that cannot be read is a verdict, not a failure of the check. The head is read from the journal itself, not from the agent that is being
 * judged, so a stuck agent cannot report itself as up to date.
 */
public final class HealthHandler implements HttpHandler
{
    private final ServerCounters counters;
    private final LongSupplier connections;
    private final TickJournal journal;
    private final LongSupplier journalHead;
    private final long maxHealthyLag;
    private final long maxHealthyStallNs;
    private final EpochNanoClock clock;
    private final StatusSource beside;

    public HealthHandler(
        final ServerCounters counters,
        final LongSupplier connections,
        final TickJournal journal,
        final ServerConfiguration configuration,
        final EpochNanoClock clock)
    {
        this(counters, connections, journal, configuration, clock, StatusSource.NONE);
    }

    /** @param beside a part beside the server (a fleet edge's follower) whose problem degrades the verdict too. */
    public HealthHandler(
        final ServerCounters counters,
        final LongSupplier connections,
        final TickJournal journal,
        final ServerConfiguration configuration,
        final EpochNanoClock clock,
        final StatusSource beside)
    {
        this.beside = beside;
        this.counters = counters;
        this.connections = connections;
        this.journal = journal;
        this.journalHead = journal::headSequence;
        this.maxHealthyLag = configuration.maxHealthyLag();
        this.maxHealthyStallNs = TimeUnit.MILLISECONDS.toNanos(configuration.maxHealthyStallMs());
        this.clock = clock;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange)
    {
        if (exchange.isInIoThread())
        {
            // reading the journal's head maps files: not on an IO thread
            exchange.dispatch(this);
            return;
        }
        final long scanned = counters.scannedSequence();
        String journalProblem = null;
        long journalHeadSequence = 0;
        try
        {
            journalHeadSequence = journalHead.getAsLong();
            if (journal.isDiskFull())
            {
                journalProblem = "disk full: the journal's disk has less free space than minFreeDiskBytes=" +
                    journal.configuration().minFreeDiskBytes() + " needs, so nothing new is written; what was written is served";
            }
        }
        catch (final RuntimeException | InternalError ex)
        {
            journalProblem = "journal damaged: " + ex.getMessage() + "; 'ticker journal verify' reports the damage";
        }
        final long head = Math.max(journalHeadSequence, counters.headSequence());
        final long lag = Math.max(0, head - scanned);
        final long sinceCycleNs = Math.max(0, clock.nanoTime() - counters.lastDutyCycleEpochNs());
        final String status;
        final String reason;
        final String besideProblem = beside.problem();
        if (null == journalProblem && !besideProblem.isEmpty())
        {
            journalProblem = besideProblem;
        }
        if (null != journalProblem)
        {
            status = "degraded";
            reason = journalProblem;
        }
        else if (sinceCycleNs > maxHealthyStallNs)
        {
            status = "stalled";
            reason = "the stream agent has not finished a duty cycle for " + TimeUnit.NANOSECONDS.toMillis(sinceCycleNs) +
                " ms, more than maxHealthyStallMs=" + TimeUnit.NANOSECONDS.toMillis(maxHealthyStallNs);
        }
        else if (lag > maxHealthyLag)
        {
            status = "lagging";
            reason = "the stream agent is " + lag + " records behind the journal head, more than maxHealthyLag=" + maxHealthyLag;
        }
        else
        {
            status = "ok";
            reason = "the stream agent keeps up with the journal";
        }
        exchange.setStatusCode("ok".equals(status) ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send("{\"status\":\"" + status + "\"" +
            ",\"reason\":" + JsonResponses.quote(reason) +
            ",\"headSequence\":" + head +
            ",\"scannedSequence\":" + scanned +
            ",\"lagRecords\":" + lag +
            ",\"maxHealthyLag\":" + maxHealthyLag +
            ",\"dutyCycleAgeMs\":" + TimeUnit.NANOSECONDS.toMillis(sinceCycleNs) +
            ",\"maxHealthyStallMs\":" + TimeUnit.NANOSECONDS.toMillis(maxHealthyStallNs) +
            ",\"connections\":" + connections.getAsLong() +
            ",\"sessions\":" + counters.sessions() +
            ",\"ticksIn\":" + counters.ticksIn() +
            ",\"ticksOut\":" + counters.ticksOut() +
            ",\"framesOut\":" + counters.framesOut() +
            ",\"bytesOut\":" + counters.bytesOut() +
            (beside.healthFields().isEmpty() ? "" : "," + beside.healthFields()) + "}\n");
    }
}
