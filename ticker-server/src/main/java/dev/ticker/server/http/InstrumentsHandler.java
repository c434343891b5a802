package dev.ticker.server.http;

import dev.ticker.proto.v1.Instrument;
import dev.ticker.server.security.RequestAccess;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.InstrumentList;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /api/instruments}: the journal's instrument catalogue as {@code InstrumentList} in the
 * proto3 JSON mapping, read from disk on a worker thread so that instruments added by the writer
 * show at once.
 */
public final class InstrumentsHandler implements HttpHandler
{
    private final TickJournal journal;

    public InstrumentsHandler(final TickJournal journal)
    {
        this.journal = journal;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        if (exchange.isInIoThread())
        {
            exchange.dispatch(this);
            return;
        }
        // a client sees only the instruments its token entitles
        final InstrumentList.Builder list = InstrumentList.newBuilder();
        for (final Instrument instrument : journal.instruments().instruments())
        {
            if (RequestAccess.allows(exchange, instrument))
            {
                list.addInstruments(instrument);
            }
        }
        JsonResponses.send(exchange, list);
    }
}
