package dev.ticker.server.bars;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.proto.v1.Bar;
import dev.ticker.proto.v1.BarHistory;
import dev.ticker.proto.v1.DayStats;
import dev.ticker.proto.v1.Instrument;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;

/**
 * The OHLCV bars of every instrument at every interval, built by the stream agent from every trade
 * it reads (warm-up included), so live bars, snapshots, day statistics and the HTTP history all
 * come from one computation. The agent is the only writer; HTTP threads read a series under the
 * instrument's {@link StampedLock} in optimistic mode, which never blocks the agent: a reader that
 * overlapped a write simply reads again. Adding a trade allocates nothing (except when a ring
 * grows, or an instrument's trading day changes).
 */
public final class BarStore
{
    private static final int READ_ATTEMPTS_BEFORE_YIELD = 64;

    private final int historyLimit;
    private volatile Entry[] entries = new Entry[0];
    private volatile long scannedSequence;
    private volatile long coveredFromNs = Long.MIN_VALUE;

    public BarStore(final int historyLimit)
    {
        this.historyLimit = historyLimit;
    }

    /** Agent: makes room for the instruments of the catalogue, each with its time zone. */
    public void onCatalog(final InstrumentCatalog catalog)
    {
        Entry[] current = entries;
        if (catalog.size() > current.length)
        {
            final Entry[] grown = new Entry[catalog.size()];
            System.arraycopy(current, 0, grown, 0, current.length);
            for (int id = current.length; id < grown.length; id++)
            {
                grown[id] = new Entry(DayWindow.zoneOf(catalog.byId(id).getTimeZone()), historyLimit);
            }
            current = grown;
            entries = grown;
        }
    }

    /** Agent: adds a trade to every interval of its instrument. */
    public void onTrade(final Tick tick)
    {
        final Entry entry = entry(tick.instrumentId);
        final long stamp = entry.lock.writeLock();
        try
        {
            final BarSeries[] series = entry.series;
            final long timeNs = tick.eventTimeNs;
            for (int k = 0; k < BarIntervals.DAY; k++)
            {
                series[k].onTrade(BarIntervals.intradayStartNs(k, timeNs), tick.price, tick.size, tick.sequence);
            }
            series[BarIntervals.DAY].onTrade(entry.day.dayStartNs(timeNs), tick.price, tick.size, tick.sequence);
        }
        finally
        {
            entry.lock.unlockWrite(stamp);
        }
    }

    /**
     * Agent, before its first trade: the store sees every trade from this time on (the warm-up's
     * start), none before; bars starting earlier may lack trades.
     */
    public void coveredFrom(final long timeNs)
    {
        coveredFromNs = timeNs;
    }

    /**
     * Any thread: the start from which the held bars of an instrument and interval are complete:
     * the first bar boundary at or after the warm-up's start, or the oldest held bar once older
     * ones have dropped out. Bars starting earlier are only in the journal.
     */
    public long completeFromNs(final int instrumentId, final int interval)
    {
        final long covered = coveredFromNs;
        final Entry[] current = entries;
        if (Long.MIN_VALUE == covered || instrumentId >= current.length)
        {
            return covered;
        }
        final Entry entry = current[instrumentId];
        final long boundary = ceilBoundaryNs(entry.day, interval, covered);
        final BarSeries series = entry.series[interval];
        int attempts = 0;
        while (true)
        {
            final long stamp = entry.lock.tryOptimisticRead();
            final long[] bars = series.bars;
            final boolean dropped = series.total > series.size && series.size > 0;
            final long oldestNs = dropped ? bars[(int)((series.total - series.size) & (bars.length / BarSeries.STRIDE - 1)) *
                BarSeries.STRIDE + BarSeries.START] : Long.MIN_VALUE;
            if (stamp != 0 && entry.lock.validate(stamp))
            {
                return Math.max(boundary, oldestNs);
            }
            if (++attempts % READ_ATTEMPTS_BEFORE_YIELD == 0)
            {
                Thread.yield();
            }
        }
    }

    /** The first bar boundary at or after {@code timeNs}. */
    static long ceilBoundaryNs(final DayWindow day, final int interval, final long timeNs)
    {
        if (interval != BarIntervals.DAY)
        {
            final long start = BarIntervals.intradayStartNs(interval, timeNs);
            return start == timeNs ? start : start + BarIntervals.lengthNs(interval);
        }
        final long start = day.dayStartNs(timeNs);
        // a trading day is 23 to 25 hours long: 30 hours after its start is always in the next one
        return start == timeNs ? start : day.dayStartNs(start + TimeUnit.HOURS.toNanos(30));
    }

    /** Agent: everything up to this sequence has been added. */
    public void scannedSequence(final long sequence)
    {
        scannedSequence = sequence;
    }

    /** Agent: the start of the bar in progress, or Long.MIN_VALUE when the instrument has none. */
    public long currentStartNs(final int instrumentId, final int interval)
    {
        final Entry[] current = entries;
        if (instrumentId >= current.length || current[instrumentId].series[interval].isEmpty())
        {
            return Long.MIN_VALUE;
        }
        return current[instrumentId].series[interval].currentStartNs();
    }

    /** Agent: the start of the bar that a trade at {@code timeNs} would go into. */
    public long barStartNs(final int instrumentId, final int interval, final long timeNs)
    {
        if (interval != BarIntervals.DAY)
        {
            return BarIntervals.intradayStartNs(interval, timeNs);
        }
        return entry(instrumentId).day.dayStartNs(timeNs);
    }

    /** Agent: the held series of an instrument, or null; read it only on the agent thread. */
    public BarSeries series(final int instrumentId, final int interval)
    {
        final Entry[] current = entries;
        return instrumentId < current.length ? current[instrumentId].series[interval] : null;
    }

    /** Agent: the bar in progress as a message, or null. */
    public Bar current(final int instrumentId, final int interval)
    {
        final BarSeries series = series(instrumentId, interval);
        return null == series || series.isEmpty() ? null : toBar(instrumentId, interval, series.bars, series.held(series.size - 1));
    }

    /**
     * Agent: the statistics of the instrument's trading day that holds {@code journalTimeNs}, or
     * null when it has not traded that day.
     */
    public DayStats dayStats(final Instrument instrument, final long journalTimeNs)
    {
        final BarSeries days = series(instrument.getId(), BarIntervals.DAY);
        if (null == days || days.isEmpty())
        {
            return null;
        }
        final DayWindow window = entries[instrument.getId()].day;
        final long todayStartNs = window.dayStartNs(journalTimeNs);
        final int today = days.held(days.size - 1);
        if (days.bars[today + BarSeries.START] != todayStartNs)
        {
            return null;
        }
        final long previousClose = days.size > 1 ?
            days.bars[days.held(days.size - 2) + BarSeries.CLOSE] : instrument.getReferencePrice();
        final long[] bars = days.bars;
        final LocalDate date = window.date(journalTimeNs);
        return DayStats.newBuilder()
            .setDate(date.toString())
            .setOpen(bars[today + BarSeries.OPEN])
            .setHigh(bars[today + BarSeries.HIGH])
            .setLow(bars[today + BarSeries.LOW])
            .setClose(bars[today + BarSeries.CLOSE])
            .setVolume(bars[today + BarSeries.VOLUME])
            .setTradeCount(bars[today + BarSeries.COUNT])
            .setPreviousClose(previousClose)
            .setChange(bars[today + BarSeries.CLOSE] - previousClose)
            .build();
    }

    /**
     * Any thread: the newest {@code limit} bars starting in [fromNs, toNs), oldest first, with the
     * last sequence they include.
     */
    public BarHistory history(final Instrument instrument, final int interval, final long fromNs, final long toNs, final int limit)
    {
        final Entry[] current = entries;
        final int id = instrument.getId();
        final BarHistory.Builder history = BarHistory.newBuilder()
            .setInstrument(instrument)
            .setInterval(BarIntervals.interval(interval));
        if (id >= current.length)
        {
            return history.setLastSequence(scannedSequence).build();
        }
        final Entry entry = current[id];
        final BarSeries series = entry.series[interval];
        long[] copy = new long[Math.min(limit, 1024) * BarSeries.STRIDE];
        int count;
        long asOf;
        int attempts = 0;
        while (true)
        {
            final long stamp = entry.lock.tryOptimisticRead();
            asOf = scannedSequence;
            final long[] bars = series.bars;
            final int size = Math.min(series.size, bars.length / BarSeries.STRIDE);
            final int from = series.firstAtOrAfter(fromNs);
            final int to = series.firstAtOrAfter(toNs);
            final int first = Math.max(from, to - limit);
            count = Math.max(0, Math.min(to, size) - first);
            if (copy.length < count * BarSeries.STRIDE)
            {
                copy = new long[count * BarSeries.STRIDE];
            }
            for (int i = 0; i < count; i++)
            {
                final int offset = (int)((series.total - size + first + i) & (bars.length / BarSeries.STRIDE - 1)) * BarSeries.STRIDE;
                System.arraycopy(bars, offset, copy, i * BarSeries.STRIDE, BarSeries.STRIDE);
            }
            if (stamp != 0 && entry.lock.validate(stamp))
            {
                break;
            }
            if (++attempts % READ_ATTEMPTS_BEFORE_YIELD == 0)
            {
                Thread.yield();
            }
        }
        long lastSequence = asOf;
        for (int i = 0; i < count; i++)
        {
            history.addBars(toBar(id, interval, copy, i * BarSeries.STRIDE));
            lastSequence = Math.max(lastSequence, copy[i * BarSeries.STRIDE + BarSeries.LAST_SEQUENCE]);
        }
        return history.setLastSequence(lastSequence).build();
    }

    static Bar toBar(final int instrumentId, final int interval, final long[] bars, final int offset)
    {
        return Bar.newBuilder()
            .setInstrumentId(instrumentId)
            .setInterval(BarIntervals.interval(interval))
            .setStartTimeNs(bars[offset + BarSeries.START])
            .setOpen(bars[offset + BarSeries.OPEN])
            .setHigh(bars[offset + BarSeries.HIGH])
            .setLow(bars[offset + BarSeries.LOW])
            .setClose(bars[offset + BarSeries.CLOSE])
            .setVolume(bars[offset + BarSeries.VOLUME])
            .setTradeCount(bars[offset + BarSeries.COUNT])
            .setLastSequence(bars[offset + BarSeries.LAST_SEQUENCE])
            .build();
    }

    private Entry entry(final int instrumentId)
    {
        Entry[] current = entries;
        if (instrumentId >= current.length)
        {
            // a record of an instrument the catalogue does not name (yet): its days are UTC days
            final Entry[] grown = new Entry[instrumentId + 1];
            System.arraycopy(current, 0, grown, 0, current.length);
            for (int id = current.length; id < grown.length; id++)
            {
                grown[id] = new Entry(ZoneOffset.UTC, historyLimit);
            }
            current = grown;
            entries = grown;
        }
        return current[instrumentId];
    }

    private static final class Entry
    {
        final StampedLock lock = new StampedLock();
        final BarSeries[] series = new BarSeries[BarIntervals.COUNT];
        final DayWindow day;

        Entry(final ZoneId zone, final int historyLimit)
        {
            this.day = new DayWindow(zone);
            for (int k = 0; k < BarIntervals.COUNT; k++)
            {
                series[k] = new BarSeries(historyLimit);
            }
        }
    }
}
