package dev.ticker.server.stream;

import dev.ticker.journal.Tick;
import dev.ticker.proto.v1.Bar;
import dev.ticker.proto.v1.DayStats;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.InstrumentSnapshot;
import dev.ticker.proto.v1.Quote;
import dev.ticker.proto.v1.Trade;
import dev.ticker.server.bars.BarIntervals;
import dev.ticker.server.bars.BarStore;

import java.util.Arrays;

/**
 * The latest trade, best quote and trading status of every instrument, as of the last journal
 * record the stream agent read: with the bars ({@link BarStore}) the source of subscription
 * snapshots. Updating allocates nothing (ticks are copied into preallocated slots). Owned by the
 * stream agent thread.
 */
public final class InstrumentBook
{
    private Tick[] lastTrade = new Tick[0];
    private Tick[] lastQuote = new Tick[0];
    private byte[] status = new byte[0];
    private long journalTimeNs = Long.MIN_VALUE;

    public void onTick(final Tick tick)
    {
        final int id = tick.instrumentId;
        if (id < 0)
        {
            return;
        }
        if (id >= lastTrade.length)
        {
            grow(id + 1);
        }
        if (tick.eventTimeNs > journalTimeNs)
        {
            journalTimeNs = tick.eventTimeNs;
        }
        if (tick.isTrade())
        {
            lastTrade[id].copyFrom(tick);
        }
        else if (tick.isQuote())
        {
            lastQuote[id].copyFrom(tick);
        }
        else if (tick.isStatus())
        {
            status[id] = tick.status();
        }
    }

    /** The newest event time read: the journal's "now", which decides the current trading day. */
    long journalTimeNs()
    {
        return journalTimeNs;
    }

    /** The state of an instrument, with the bars in progress of the intervals in {@code barMask}. */
    public InstrumentSnapshot snapshot(final Instrument instrument, final int barMask, final BarStore bars)
    {
        final InstrumentSnapshot.Builder builder = InstrumentSnapshot.newBuilder().setInstrument(instrument);
        final int id = instrument.getId();
        if (id < lastTrade.length && lastTrade[id].sequence != 0)
        {
            final Tick t = lastTrade[id];
            builder.setLastTrade(Trade.newBuilder()
                .setInstrumentId(id)
                .setSequence(t.sequence)
                .setEventTimeNs(t.eventTimeNs)
                .setPrice(t.price)
                .setSize(t.size)
                .setAggressorValue(t.side));
        }
        if (id < lastQuote.length && lastQuote[id].sequence != 0)
        {
            final Tick q = lastQuote[id];
            builder.setBestQuote(Quote.newBuilder()
                .setInstrumentId(id)
                .setSequence(q.sequence)
                .setEventTimeNs(q.eventTimeNs)
                .setBidPrice(q.price)
                .setBidSize(q.size)
                .setAskPrice(q.askPrice)
                .setAskSize(q.askSize));
        }
        if (id < status.length && status[id] != 0)
        {
            builder.setStatusValue(status[id]);
        }
        if (journalTimeNs != Long.MIN_VALUE)
        {
            final DayStats day = bars.dayStats(instrument, journalTimeNs);
            if (null != day)
            {
                builder.setDay(day);
            }
        }
        for (int k = 0; k < BarIntervals.COUNT; k++)
        {
            if ((barMask & (1 << k)) != 0)
            {
                final Bar bar = bars.current(id, k);
                if (null != bar)
                {
                    builder.addCurrentBars(bar);
                }
            }
        }
        return builder.build();
    }

    private void grow(final int size)
    {
        final int capacity = Math.max(size, lastTrade.length * 2);
        final Tick[] trades = new Tick[capacity];
        final Tick[] quotes = new Tick[capacity];
        System.arraycopy(lastTrade, 0, trades, 0, lastTrade.length);
        System.arraycopy(lastQuote, 0, quotes, 0, lastQuote.length);
        for (int i = lastTrade.length; i < capacity; i++)
        {
            trades[i] = new Tick();
            quotes[i] = new Tick();
        }
        lastTrade = trades;
        lastQuote = quotes;
        status = Arrays.copyOf(status, capacity);
    }
}
