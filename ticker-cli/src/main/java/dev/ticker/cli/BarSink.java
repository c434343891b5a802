package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.proto.v1.Bar;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.server.bars.BarStore;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the bars of a journal window with the server's own {@link BarStore} (so that the values
 * are those of {@code /api/bars} and the dashboard's candles), and beside it, bar by bar, the
 * traded notional for each bar's VWAP, summed exactly in 128 bits.
 */
final class BarSink implements TickSink
{
    /** Bars held per instrument and interval: a year of one-second bars fits. */
    static final int MAX_BARS = 1 << 25;
    /** Decimals a VWAP gets beyond its instrument's price decimals. */
    static final int VWAP_EXTRA_DECIMALS = 4;

    /** One bar of the export: the server's bar and its VWAP in price units. */
    record VwapBar(Instrument instrument, Bar bar, BigDecimal vwap)
    {
    }

    private final BarStore store = new BarStore(MAX_BARS);
    private final InstrumentCatalog catalog;
    private final int interval;
    private final Notional[] notional;

    BarSink(final InstrumentCatalog catalog, final int interval)
    {
        this.catalog = catalog;
        this.interval = interval;
        this.notional = new Notional[catalog.size()];
        store.onCatalog(catalog);
    }

    @Override
    public void onTick(final Tick tick)
    {
        if (!tick.isTrade() || tick.instrumentId < 0 || tick.instrumentId >= notional.length)
        {
            return;
        }
        store.onTrade(tick);
        store.scannedSequence(tick.sequence);
        if (null == notional[tick.instrumentId])
        {
            notional[tick.instrumentId] = new Notional();
        }
        // the bar the store put the trade in (a trade stamped earlier than the bar in progress counts in it)
        notional[tick.instrumentId].add(store.currentStartNs(tick.instrumentId, interval), tick.price, tick.size);
    }

    /** Every bar of the instruments that traded, instrument by instrument in catalogue order, oldest first. */
    List<VwapBar> bars()
    {
        final List<VwapBar> bars = new ArrayList<>();
        for (int id = 0; id < notional.length; id++)
        {
            if (null == notional[id])
            {
                continue;
            }
            final Instrument instrument = catalog.byId(id);
            for (final Bar bar : store.history(instrument, interval, Long.MIN_VALUE, Long.MAX_VALUE, MAX_BARS).getBarsList())
            {
                bars.add(new VwapBar(instrument, bar, notional[id].vwap(bar.getStartTimeNs(), bar.getVolume(), instrument.getPriceDecimals())));
            }
        }
        return bars;
    }

    @Override
    public void flush()
    {
    }

    @Override
    public void close()
    {
    }

    /** Sum of price × size per bar start, in 128 bits (high and low words). */
    private static final class Notional
    {
        private long[] starts = new long[16];
        private long[] high = new long[16];
        private long[] low = new long[16];
        private int size;

        void add(final long startNs, final long price, final long quantity)
        {
            if (size == 0 || starts[size - 1] != startNs)
            {
                if (size == starts.length)
                {
                    starts = Arrays.copyOf(starts, size * 2);
                    high = Arrays.copyOf(high, size * 2);
                    low = Arrays.copyOf(low, size * 2);
                }
                starts[size] = startNs;
                high[size] = 0;
                low[size] = 0;
                size++;
            }
            final int i = size - 1;
            final long productLow = price * quantity;
            final long productHigh = Math.multiplyHigh(price, quantity);
            final long sum = low[i] + productLow;
            high[i] += productHigh + (Long.compareUnsigned(sum, low[i]) < 0 ? 1 : 0);
            low[i] = sum;
        }

        BigDecimal vwap(final long startNs, final long volume, final int priceDecimals)
        {
            final int i = Arrays.binarySearch(starts, 0, size, startNs);
            if (i < 0 || volume == 0)
            {
                return null;
            }
            final BigInteger total = BigInteger.valueOf(high[i]).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low[i])));
            return new BigDecimal(total).divide(BigDecimal.valueOf(volume), VWAP_EXTRA_DECIMALS, RoundingMode.HALF_EVEN)
                .movePointLeft(priceDecimals);
        }
    }
}
