package dev.ticker.server.http;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.JournalRange;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/**
 * {@code GET /api/journal}: the oldest and newest record the journal holds, as {@code JournalRange}
 * in the proto3 JSON mapping, so that a client offers only replay starts the server can serve. Read
 * from disk per request on a worker thread, through a reader of its own (readers are confined to
 * one thread), so that records appended by the writer show at once. A journal too damaged to read
 * its range answers 503 with the reason, never 500.
 */
public final class JournalHandler implements HttpHandler
{
    private final TickJournal journal;

    public JournalHandler(final TickJournal journal)
    {
        this.journal = journal;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        if (exchange.isInIoThread())
        {
            // reading the journal maps files: not on an IO thread
            exchange.dispatch(this);
            return;
        }
        final JournalRange range;
        try
        {
            range = range(journal);
        }
        catch (final RuntimeException | InternalError ex)
        {
            // a damaged journal is an answer the client can act on, never a 500
            JsonResponses.sendError(exchange, StatusCodes.SERVICE_UNAVAILABLE, "the journal's range cannot be read: " +
                ex.getMessage() + "; 'ticker journal verify' reports the damage");
            return;
        }
        JsonResponses.send(exchange, range);
    }

    /** The journal's range now; every field 0 while it is empty. */
    private static JournalRange range(final TickJournal journal)
    {
        final JournalRange.Builder range = JournalRange.newBuilder();
        final Tick tick = new Tick();
        try (TickTailer reader = journal.tailer())
        {
            if (!reader.toStart().readNext(tick))
            {
                return range.build();
            }
            range.setFirstSequence(tick.sequence).setFirstTimeNs(tick.eventTimeNs);
            final long head = reader.lastSequence();
            if (TickDescriptor.NO_SEQUENCE != head && reader.moveToSequence(head) && reader.readNext(tick))
            {
                range.setHeadSequence(tick.sequence).setHeadTimeNs(tick.eventTimeNs);
            }
        }
        return range.build();
    }
}
