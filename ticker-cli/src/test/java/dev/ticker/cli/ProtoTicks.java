package dev.ticker.cli;

import dev.ticker.journal.Tick;
import dev.ticker.proto.v1.Quote;
import dev.ticker.proto.v1.StatusChange;
import dev.ticker.proto.v1.Trade;

/** Reads a wire tick back into a journal record, to compare a Protobuf export with the journal. */
final class ProtoTicks
{
    private ProtoTicks()
    {
    }

    static Tick fromMessage(final dev.ticker.proto.v1.Tick message)
    {
        final Tick tick = new Tick();
        switch (message.getKindCase())
        {
            case TRADE:
                final Trade trade = message.getTrade();
                tick.trade(trade.getEventTimeNs(), trade.getInstrumentId(), trade.getPrice(), trade.getSize(),
                    (byte)trade.getAggressorValue());
                tick.sequence = trade.getSequence();
                return tick;
            case QUOTE:
                final Quote quote = message.getQuote();
                tick.quote(quote.getEventTimeNs(), quote.getInstrumentId(), quote.getBidPrice(), quote.getBidSize(),
                    quote.getAskPrice(), quote.getAskSize());
                tick.sequence = quote.getSequence();
                return tick;
            case STATUS:
                final StatusChange status = message.getStatus();
                tick.status(status.getEventTimeNs(), status.getInstrumentId(), (byte)status.getStatusValue());
                tick.sequence = status.getSequence();
                return tick;
            default:
                throw new AssertionError("tick " + message + " holds no trade, quote or status");
        }
    }
}
