package dev.ticker.simulator;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.Instrument;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A simple market: each instrument's mid price takes a Gaussian random walk on its price
 * increment, quotes sit one or more increments either side of the mid, and trades print at the
 * bid or the ask. Pure and seeded: no clock and no I/O, so the same seed gives the same ticks.
 * Allocates nothing per tick. Not thread-safe.
 */
public final class RandomWalkModel
{
    /** Share of ticks that are trades; the rest are quote updates. */
    private static final double TRADE_SHARE = 0.3;
    /** Standard deviation of a mid move, as a fraction of the reference price. */
    private static final double STEP_VOLATILITY = 0.0002;

    private final SplittableRandom random;
    private final int[] instrumentIds;
    private final long[] increment;
    private final long[] lotSize;
    private final long[] midSteps;
    private final long[] minMidSteps;
    private final double[] stepSigma;
    private final long[] halfSpreadSteps;

    public RandomWalkModel(final List<Instrument> instruments, final long seed)
    {
        if (instruments.isEmpty())
        {
            throw new IllegalArgumentException("the model needs at least one instrument");
        }
        final int n = instruments.size();
        random = new SplittableRandom(seed);
        instrumentIds = new int[n];
        increment = new long[n];
        lotSize = new long[n];
        midSteps = new long[n];
        minMidSteps = new long[n];
        stepSigma = new double[n];
        halfSpreadSteps = new long[n];
        for (int i = 0; i < n; i++)
        {
            final Instrument instrument = instruments.get(i);
            instrumentIds[i] = instrument.getId();
            increment[i] = instrument.getPriceIncrement();
            lotSize[i] = instrument.getLotSize();
            midSteps[i] = Math.max(instrument.getReferencePrice() / increment[i], 4);
            minMidSteps[i] = Math.max(midSteps[i] / 10, 4);
            stepSigma[i] = Math.max(midSteps[i] * STEP_VOLATILITY, 0.5);
            halfSpreadSteps[i] = 1;
        }
    }

    /** Fills {@code tick} with the next trade or quote (event time and sequence are the caller's). */
    public Tick next(final Tick tick)
    {
        final int i = random.nextInt(instrumentIds.length);
        final long mid = move(i);
        final long bid = (mid - halfSpreadSteps[i]) * increment[i];
        final long ask = (mid + halfSpreadSteps[i]) * increment[i];
        if (random.nextDouble() < TRADE_SHARE)
        {
            final boolean buy = random.nextBoolean();
            tick.trade(0, instrumentIds[i], buy ? ask : bid, lots(i, 20), buy ? TickDescriptor.SIDE_BUY : TickDescriptor.SIDE_SELL);
        }
        else
        {
            tick.quote(0, instrumentIds[i], bid, lots(i, 50) * 10, ask, lots(i, 50) * 10);
        }
        return tick;
    }

    private long move(final int i)
    {
        final long step = Math.round(random.nextGaussian() * stepSigma[i]);
        final long moved = midSteps[i] + step;
        midSteps[i] = Math.max(moved, minMidSteps[i]);
        // the spread widens a little now and then and returns to one increment
        halfSpreadSteps[i] = random.nextInt(8) == 0 ? 1 + random.nextInt(3) : 1;
        return midSteps[i];
    }

    private long lots(final int i, final int maxLots)
    {
        return lotSize[i] * (1 + random.nextInt(maxLots));
    }
}
