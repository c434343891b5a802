package dev.ticker.cli;

import dev.ticker.journal.Tick;
import dev.ticker.proto.v1.Quote;
import dev.ticker.proto.v1.StatusChange;
import dev.ticker.proto.v1.Trade;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code ticker replay --format proto}: length-delimited {@code ticker.v1.Tick} messages, the ones
 * the WebSocket protocol carries (a varint length, then the message, as protobuf's
 * {@code writeDelimitedTo}/{@code parseDelimitedFrom} do). Prices are the raw integers; the
 * instrument ids are those of the journal's catalogue ({@code instruments.pb}, a
 * {@code ticker.v1.InstrumentList}).
 */
final class ProtoTickWriter implements TickSink
{
    private final OutputStream out;

    ProtoTickWriter(final OutputStream out)
    {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    /** The wire form of a journal record. */
    static dev.ticker.proto.v1.Tick toMessage(final Tick tick)
    {
        final dev.ticker.proto.v1.Tick.Builder message = dev.ticker.proto.v1.Tick.newBuilder();
        if (tick.isTrade())
        {
            message.setTrade(Trade.newBuilder()
                .setInstrumentId(tick.instrumentId)
                .setSequence(tick.sequence)
                .setEventTimeNs(tick.eventTimeNs)
                .setPrice(tick.price)
                .setSize(tick.size)
                .setAggressorValue(tick.side));
        }
        else if (tick.isQuote())
        {
            message.setQuote(Quote.newBuilder()
                .setInstrumentId(tick.instrumentId)
                .setSequence(tick.sequence)
                .setEventTimeNs(tick.eventTimeNs)
                .setBidPrice(tick.price)
                .setBidSize(tick.size)
                .setAskPrice(tick.askPrice)
                .setAskSize(tick.askSize));
        }
        else
        {
            message.setStatus(StatusChange.newBuilder()
                .setInstrumentId(tick.instrumentId)
                .setSequence(tick.sequence)
                .setEventTimeNs(tick.eventTimeNs)
                .setStatusValue(tick.status()));
        }
        return message.build();
    }

    @Override
    public void onTick(final Tick tick) throws IOException
    {
        toMessage(tick).writeDelimitedTo(out);
    }

    @Override
    public void flush() throws IOException
    {
        out.flush();
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }
}
