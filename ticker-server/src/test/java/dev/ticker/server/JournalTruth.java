package dev.ticker.server;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.Bar;
import dev.ticker.proto.v1.BarInterval;
import dev.ticker.proto.v1.Quote;
import dev.ticker.proto.v1.Side;
import dev.ticker.proto.v1.StatusChange;
import dev.ticker.proto.v1.Trade;
import dev.ticker.proto.v1.TradingStatus;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the journal says, read directly, for tests to compare the server's answers with: its ticks
 * as wire messages, and bars recomputed from them independently of the server's bar code.
 */
public final class JournalTruth
{
    private JournalTruth()
    {
    }

    /** The journal's ticks with sequence in [from, to] whose instrument matches, as wire messages. */
    public static List<dev.ticker.proto.v1.Tick> ticks(
        final TickJournal journal, final long from, final long to, final Predicate<Integer> instruments)
    {
        final List<dev.ticker.proto.v1.Tick> ticks = new ArrayList<>();
        try (TickTailer tailer = journal.tailer())
        {
            if (!tailer.moveToSequence(from))
            {
                throw new IllegalArgumentException("journal does not hold sequence " + from);
            }
            final Tick tick = new Tick();
            while (tailer.readNext(tick) && tick.sequence <= to)
            {
                if (instruments.test(tick.instrumentId))
                {
                    ticks.add(toWire(tick));
                }
            }
        }
        return ticks;
    }

    public static List<dev.ticker.proto.v1.Tick> ticks(final TickJournal journal, final long from, final long to, final Set<Integer> instruments)
    {
        return ticks(journal, from, to, instruments::contains);
    }

    public static dev.ticker.proto.v1.Tick toWire(final Tick tick)
    {
        final dev.ticker.proto.v1.Tick.Builder wire = dev.ticker.proto.v1.Tick.newBuilder();
        if (tick.isTrade())
        {
            wire.setTrade(Trade.newBuilder().setInstrumentId(tick.instrumentId).setSequence(tick.sequence)
                .setEventTimeNs(tick.eventTimeNs).setPrice(tick.price).setSize(tick.size).setAggressor(Side.forNumber(tick.side)));
        }
        else if (tick.isQuote())
        {
            wire.setQuote(Quote.newBuilder().setInstrumentId(tick.instrumentId).setSequence(tick.sequence)
                .setEventTimeNs(tick.eventTimeNs).setBidPrice(tick.price).setBidSize(tick.size)
                .setAskPrice(tick.askPrice).setAskSize(tick.askSize));
        }
        else
        {
            wire.setStatus(StatusChange.newBuilder().setInstrumentId(tick.instrumentId).setSequence(tick.sequence)
                .setEventTimeNs(tick.eventTimeNs).setStatus(TradingStatus.forNumber(tick.status())));
        }
        return wire.build();
    }

    public static long sequenceOf(final dev.ticker.proto.v1.Tick tick)
    {
        return tick.hasTrade() ? tick.getTrade().getSequence() : tick.hasQuote() ? tick.getQuote().getSequence() : tick.getStatus().getSequence();
    }

    public static int instrumentOf(final dev.ticker.proto.v1.Tick tick)
    {
        return tick.hasTrade() ? tick.getTrade().getInstrumentId() : tick.hasQuote() ? tick.getQuote().getInstrumentId() :
            tick.getStatus().getInstrumentId();
    }

    /**
     * The bars of one instrument and interval over the journal's records up to {@code lastSequence},
     * keyed and ordered by start time: intraday bars at multiples of their length since the epoch,
     * daily bars from local midnight in {@code zone}.
     */
    public static Map<Long, Bar> bars(
        final TickJournal journal, final int instrumentId, final BarInterval interval, final ZoneId zone, final long lastSequence)
    {
        final Map<Long, Bar> bars = new LinkedHashMap<>();
        try (TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            while (tailer.readNext(tick) && tick.sequence <= lastSequence)
            {
                if (!tick.isTrade() || tick.instrumentId != instrumentId)
                {
                    continue;
                }
                final long start = startOf(interval, zone, tick.eventTimeNs);
                final Bar previous = bars.get(start);
                bars.put(start, null == previous ?
                    Bar.newBuilder().setInstrumentId(instrumentId).setInterval(interval).setStartTimeNs(start)
                        .setOpen(tick.price).setHigh(tick.price).setLow(tick.price).setClose(tick.price)
                        .setVolume(tick.size).setTradeCount(1).setLastSequence(tick.sequence).build() :
                    previous.toBuilder().setHigh(Math.max(previous.getHigh(), tick.price)).setLow(Math.min(previous.getLow(), tick.price))
                        .setClose(tick.price).setVolume(previous.getVolume() + tick.size).setTradeCount(previous.getTradeCount() + 1)
                        .setLastSequence(tick.sequence).build());
            }
        }
        return bars;
    }

    public static long startOf(final BarInterval interval, final ZoneId zone, final long timeNs)
    {
        final long seconds = switch (interval)
        {
            case BAR_INTERVAL_1S -> 1;
            case BAR_INTERVAL_5S -> 5;
            case BAR_INTERVAL_1M -> 60;
            case BAR_INTERVAL_5M -> 300;
            case BAR_INTERVAL_15M -> 900;
            case BAR_INTERVAL_1H -> 3600;
            default -> 0;
        };
        if (seconds == 0)
        {
            final Instant midnight = Instant.ofEpochSecond(Math.floorDiv(timeNs, 1_000_000_000L))
                .atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
            return midnight.getEpochSecond() * 1_000_000_000L;
        }
        final long length = seconds * 1_000_000_000L;
        return Math.floorDiv(timeNs, length) * length;
    }
}
