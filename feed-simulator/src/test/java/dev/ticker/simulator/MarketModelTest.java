package dev.ticker.simulator;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.Instrument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model's market against the statistics it promises, with tolerances: twenty sessions of
 * twenty New York instruments, measured on five-minute mid-price returns.
 */
class MarketModelTest
{
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);
    private static final int DAYS = 20;
    private static final long BUCKET_NS = TimeUnit.MINUTES.toNanos(5);
    private static final int BUCKETS = 78; // 6.5 hours
    private static final int CURVE_SLICES = 20;

    private static List<SimulatedInstrument> universe;
    private static Sample sample;

    @BeforeAll
    static void simulate()
    {
        final List<SimulatedInstrument> newYork = InstrumentFile.defaults().stream()
            .filter(i -> i.instrument().getTimeZone().equals("America/New_York"))
            .limit(20)
            .toList();
        universe = new ArrayList<>();
        for (int i = 0; i < newYork.size(); i++)
        {
            universe.add(newYork.get(i).withInstrument(newYork.get(i).instrument().toBuilder().setId(i).build()));
        }
        sample = new Sample(universe, SessionSchedule.historical(universe, MONDAY, DAYS));
        sample.run(new MarketModel(universe, sample.schedule, 2026, 0.05));
    }

    @Test
    void shouldRealiseTheConfiguredVolatility()
    {
        double ratioSum = 0;
        for (int i = 0; i < universe.size(); i++)
        {
            final double sessionVariance = sample.sumSquares(i) / DAYS;
            final double configured = Math.pow(universe.get(i).volatility(), 2) / MarketModel.SESSIONS_PER_YEAR;
            final double ratio = Math.sqrt(sessionVariance / configured);
            assertTrue(ratio > 0.6 && ratio < 1.5, universe.get(i).symbol() + " realised/configured volatility " + ratio);
            ratioSum += ratio;
        }
        final double meanRatio = ratioSum / universe.size();
        assertTrue(meanRatio > 0.85 && meanRatio < 1.15, "mean realised/configured volatility " + meanRatio);
    }

    @Test
    void shouldCorrelateInstrumentsOfOneSectorMoreThanOfTwo()
    {
        double same = 0;
        int samePairs = 0;
        double cross = 0;
        int crossPairs = 0;
        for (int a = 0; a < universe.size(); a++)
        {
            for (int b = a + 1; b < universe.size(); b++)
            {
                final double correlation = sample.correlation(a, b);
                if (universe.get(a).instrument().getSector().equals(universe.get(b).instrument().getSector()))
                {
                    same += correlation;
                    samePairs++;
                }
                else
                {
                    cross += correlation;
                    crossPairs++;
                }
            }
        }
        same /= samePairs;
        cross /= crossPairs;
        // the loadings give 0.5 within a sector and 0.3 across
        assertTrue(same > 0.38 && same < 0.62, "mean correlation within a sector " + same);
        assertTrue(cross > 0.18 && cross < 0.42, "mean correlation across sectors " + cross);
        assertTrue(same > cross + 0.1, "within " + same + " vs across " + cross);
    }

    @Test
    void shouldTradeMostAtTheOpenAndTheCloseAndLeastAtMidday()
    {
        final long[] trades = sample.tradesPerSlice;
        double middle = 0;
        for (int k = 6; k < 14; k++)
        {
            middle += trades[k] / 8.0;
        }
        assertTrue(trades[0] > 2.5 * middle, "first twentieth vs the middle of the day: " + Arrays.toString(trades));
        assertTrue(trades[1] > 1.3 * middle, "second twentieth vs the middle of the day: " + Arrays.toString(trades));
        assertTrue(trades[CURVE_SLICES - 1] > 1.8 * middle, "last twentieth vs the middle of the day: " + Arrays.toString(trades));
    }

    @Test
    void shouldClusterVolatility()
    {
        // deseasonalised absolute returns stay high after high ones: positive autocorrelation
        final double lag1 = sample.absoluteReturnAutocorrelation(1);
        final double lag6 = sample.absoluteReturnAutocorrelation(6);
        assertTrue(lag1 > 0.05, "lag-1 autocorrelation of |r| " + lag1);
        assertTrue(lag6 > 0.02, "lag-6 (30 minutes) autocorrelation of |r| " + lag6);
    }

    @Test
    void shouldKeepPricesOnTheIncrementBidBelowAskAndTradesAtTheQuote()
    {
        assertEquals(0, sample.violations, sample.firstViolation);
        assertTrue(sample.trades > 100_000, "trades " + sample.trades);
        assertTrue(sample.quotes > 2 * sample.trades, "quotes " + sample.quotes);
        assertTrue(sample.buys > sample.trades / 3 && sample.buys < 2 * sample.trades / 3, "buys " + sample.buys + " of " + sample.trades);
    }

    @Test
    void shouldDrawTradeSizesWithAHeavyTail()
    {
        final long[] sizes = sample.tradeSizes.stream().mapToLong(Long::longValue).sorted().toArray();
        final long median = sizes[sizes.length / 2];
        long beyondTenMedians = 0;
        for (final long size : sizes)
        {
            beyondTenMedians += size > 10 * median ? 1 : 0;
        }
        final double share = (double)beyondTenMedians / sizes.length;
        // a thin (exponential-like) tail would leave almost nothing beyond ten medians
        assertTrue(share > 0.01 && share < 0.1, "share of trades above ten times the median size " + share);
        assertTrue(sizes[sizes.length - 1] >= 100 * median, "largest " + sizes[sizes.length - 1] + " vs median " + median);
    }

    @Test
    void shouldOpenCloseAndHaltWithStatusRecords()
    {
        assertEquals(DAYS * universe.size(), sample.opens, "a TRADING status at every open");
        assertEquals(DAYS * universe.size(), sample.closes, "a CLOSED status at every close");
        assertTrue(sample.halts > 0, "some halts in " + DAYS + " sessions");
        assertEquals(sample.halts, sample.resumes, "every halt ends in a resume (or the close)");
        assertEquals(0, sample.ticksWhileNotTrading, "no trades or quotes while halted or closed");
        assertTrue(sample.shortestHaltNs >= MarketModel.HALT_NS || sample.haltsEndedByClose > 0,
            "a halt lasts " + TimeUnit.NANOSECONDS.toMinutes(MarketModel.HALT_NS) + " minutes");
    }

    @Test
    void shouldKeepEventTimesInOrderAndWithinSessionHours()
    {
        assertEquals(0, sample.outOfOrder, "event times never go back");
        assertEquals(0, sample.outsideSession, "every tick within its instrument's session");
    }

    @Test
    void shouldGiveTheSameMarketForTheSameSeedAndAnotherForAnother()
    {
        final SessionSchedule schedule = SessionSchedule.historical(universe, MONDAY, 1);
        final MarketModel a = new MarketModel(universe, schedule, 11, 0.05);
        final MarketModel b = new MarketModel(universe, schedule, 11, 0.05);
        final MarketModel c = new MarketModel(universe, schedule, 12, 0.05);
        final Tick ta = new Tick();
        final Tick tb = new Tick();
        final Tick tc = new Tick();
        int differences = 0;
        for (int i = 0; i < 200_000; i++)
        {
            assertTrue(a.next(ta));
            assertTrue(b.next(tb));
            assertTrue(c.next(tc));
            assertEquals(ta.toString(), tb.toString(), "tick " + i);
            differences += ta.toString().equals(tc.toString()) ? 0 : 1;
        }
        assertNotEquals(0, differences, "another seed gives another market");
    }

    @Test
    void shouldEndAfterTheLastSession()
    {
        final List<SimulatedInstrument> one = universe.subList(0, 1);
        final SessionSchedule schedule = SessionSchedule.historical(one, LocalDate.of(2026, 11, 21), 1);
        assertEquals(LocalDate.of(2026, 11, 23), schedule.days().get(0), "a Saturday start moves to the Monday");
        final MarketModel model = new MarketModel(one, schedule, 1, 0.01);
        final Tick tick = new Tick();
        long last = 0;
        while (model.next(tick))
        {
            last = tick.eventTimeNs;
        }
        assertTrue(tick.isStatus() && tick.status() == TickDescriptor.STATUS_CLOSED, tick.toString());
        assertEquals(schedule.closeNs(0, 0), last);
        assertEquals(Long.MAX_VALUE, model.nextEventTimeNs());
        assertFalse(model.next(tick));
    }

    /** Everything the tests measure, gathered in one pass over the ticks. */
    private static final class Sample
    {
        final List<SimulatedInstrument> instruments;
        final SessionSchedule schedule;
        final double[][][] bucketMid; // [instrument][day][bucket], NaN when no quote
        final long[] tradesPerSlice = new long[CURVE_SLICES];
        final List<Long> tradeSizes = new ArrayList<>();
        final long[] lastBid;
        final long[] lastAsk;
        final byte[] status;
        final long[] haltStartNs;
        long trades;
        long quotes;
        long buys;
        long opens;
        long closes;
        long halts;
        long resumes;
        long haltsEndedByClose;
        long shortestHaltNs = Long.MAX_VALUE;
        long ticksWhileNotTrading;
        long outOfOrder;
        long outsideSession;
        long violations;
        String firstViolation = "";

        Sample(final List<SimulatedInstrument> instruments, final SessionSchedule schedule)
        {
            this.instruments = instruments;
            this.schedule = schedule;
            final int n = instruments.size();
            bucketMid = new double[n][DAYS][BUCKETS];
            for (final double[][] days : bucketMid)
            {
                for (final double[] day : days)
                {
                    Arrays.fill(day, Double.NaN);
                }
            }
            lastBid = new long[n];
            lastAsk = new long[n];
            status = new byte[n];
            haltStartNs = new long[n];
            Arrays.fill(status, TickDescriptor.STATUS_CLOSED);
        }

        void run(final MarketModel model)
        {
            final Tick tick = new Tick();
            long previousNs = Long.MIN_VALUE;
            while (model.next(tick))
            {
                if (tick.eventTimeNs < previousNs)
                {
                    outOfOrder++;
                }
                previousNs = tick.eventTimeNs;
                final int i = tick.instrumentId;
                final int day = day(i, tick.eventTimeNs);
                if (day < 0)
                {
                    outsideSession++;
                    continue;
                }
                if (tick.isStatus())
                {
                    onStatus(i, tick);
                    continue;
                }
                if (status[i] != TickDescriptor.STATUS_TRADING)
                {
                    ticksWhileNotTrading++;
                }
                final Instrument instrument = instruments.get(i).instrument();
                final long open = schedule.openNs(i, day);
                final long sessionNs = schedule.closeNs(i, day) - open;
                if (tick.isQuote())
                {
                    quotes++;
                    check(tick.price > 0 && tick.price % instrument.getPriceIncrement() == 0, tick);
                    check(tick.askPrice % instrument.getPriceIncrement() == 0, tick);
                    check(tick.price < tick.askPrice, tick);
                    check(tick.size > 0 && tick.size % instrument.getLotSize() == 0, tick);
                    check(tick.askSize > 0 && tick.askSize % instrument.getLotSize() == 0, tick);
                    lastBid[i] = tick.price;
                    lastAsk[i] = tick.askPrice;
                    final int bucket = (int)Math.min(BUCKETS - 1, (tick.eventTimeNs - open) / BUCKET_NS);
                    bucketMid[i][day][bucket] = (tick.price + tick.askPrice) / 2.0;
                }
                else
                {
                    trades++;
                    check(tick.size > 0 && tick.size % instrument.getLotSize() == 0, tick);
                    check(tick.side == TickDescriptor.SIDE_BUY ? tick.price == lastAsk[i] :
                        tick.side == TickDescriptor.SIDE_SELL && tick.price == lastBid[i], tick);
                    buys += tick.side == TickDescriptor.SIDE_BUY ? 1 : 0;
                    tradeSizes.add(tick.size / instrument.getLotSize());
                    tradesPerSlice[(int)Math.min(CURVE_SLICES - 1, (tick.eventTimeNs - open) * CURVE_SLICES / sessionNs)]++;
                }
            }
        }

        private void onStatus(final int i, final Tick tick)
        {
            final byte previous = status[i];
            switch (tick.status())
            {
                case TickDescriptor.STATUS_TRADING ->
                {
                    if (previous == TickDescriptor.STATUS_HALTED)
                    {
                        resumes++;
                        shortestHaltNs = Math.min(shortestHaltNs, tick.eventTimeNs - haltStartNs[i]);
                    }
                    else
                    {
                        opens++;
                    }
                }
                case TickDescriptor.STATUS_HALTED ->
                {
                    halts++;
                    haltStartNs[i] = tick.eventTimeNs;
                }
                case TickDescriptor.STATUS_CLOSED ->
                {
                    closes++;
                    if (previous == TickDescriptor.STATUS_HALTED)
                    {
                        resumes++;
                        haltsEndedByClose++;
                    }
                }
                default -> check(false, tick);
            }
            status[i] = tick.status();
        }

        private int day(final int i, final long timeNs)
        {
            for (int d = 0; d < schedule.sessionCount(i); d++)
            {
                if (timeNs >= schedule.openNs(i, d) && timeNs <= schedule.closeNs(i, d))
                {
                    return d;
                }
            }
            return -1;
        }

        private void check(final boolean condition, final Tick tick)
        {
            if (!condition)
            {
                if (violations == 0)
                {
                    firstViolation = tick.toString();
                }
                violations++;
            }
        }

        /** Five-minute log returns of one instrument on one day; NaN where a bucket had no quote. */
        double[] returns(final int i, final int day)
        {
            final double[] mids = bucketMid[i][day];
            final double[] returns = new double[BUCKETS - 1];
            for (int k = 1; k < BUCKETS; k++)
            {
                returns[k - 1] = Math.log(mids[k] / mids[k - 1]);
            }
            return returns;
        }

        double sumSquares(final int i)
        {
            double sum = 0;
            for (int d = 0; d < DAYS; d++)
            {
                // a bucket without a quote (a halt) carries its move into the next return
                final double[] mids = bucketMid[i][d];
                double previous = Double.NaN;
                for (final double m : mids)
                {
                    if (!Double.isNaN(m))
                    {
                        if (!Double.isNaN(previous))
                        {
                            final double r = Math.log(m / previous);
                            sum += r * r;
                        }
                        previous = m;
                    }
                }
            }
            return sum;
        }

        double correlation(final int a, final int b)
        {
            double sa = 0;
            double sb = 0;
            double saa = 0;
            double sbb = 0;
            double sab = 0;
            int n = 0;
            for (int d = 0; d < DAYS; d++)
            {
                final double[] ra = returns(a, d);
                final double[] rb = returns(b, d);
                for (int k = 0; k < ra.length; k++)
                {
                    if (!Double.isNaN(ra[k]) && !Double.isNaN(rb[k]))
                    {
                        sa += ra[k];
                        sb += rb[k];
                        saa += ra[k] * ra[k];
                        sbb += rb[k] * rb[k];
                        sab += ra[k] * rb[k];
                        n++;
                    }
                }
            }
            final double cov = sab / n - (sa / n) * (sb / n);
            return cov / Math.sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
        }

        double absoluteReturnAutocorrelation(final int lag)
        {
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            int n = 0;
            for (int i = 0; i < instruments.size(); i++)
            {
                for (int d = 0; d < DAYS; d++)
                {
                    final double[] r = returns(i, d);
                    for (int k = lag; k < r.length; k++)
                    {
                        final double x = Math.abs(r[k - lag]) / IntradayCurve.sqrtLevel((k - lag + 1.0) / BUCKETS);
                        final double y = Math.abs(r[k]) / IntradayCurve.sqrtLevel((k + 1.0) / BUCKETS);
                        if (!Double.isNaN(x) && !Double.isNaN(y))
                        {
                            sx += x;
                            sy += y;
                            sxx += x * x;
                            syy += y * y;
                            sxy += x * y;
                            n++;
                        }
                    }
                }
            }
            final double cov = sxy / n - (sx / n) * (sy / n);
            return cov / Math.sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
        }
    }
}
