package dev.ticker.simulator;

import java.util.SplittableRandom;

/**
 * Calm and busy spells: a set of volatility levels, each held for an exponentially distributed
 * time before the next is drawn. The levels are scaled so that their mean square, weighted by how
 * often each is drawn, is 1: the long-run variance stays the configured one while it clusters.
 * Immutable; the state (current level, next switch) belongs to whoever uses it.
 */
final class VolatilityRegime
{
    /** Market-wide: four levels, held about 40 minutes. */
    static final VolatilityRegime MARKET = new VolatilityRegime(
        new double[] {0.65, 0.9, 1.35, 2.0}, new double[] {0.30, 0.45, 0.18, 0.07}, 40 * 60e9);
    /** One instrument's own: three levels, held about 30 minutes. */
    static final VolatilityRegime INSTRUMENT = new VolatilityRegime(
        new double[] {0.75, 1.0, 1.6}, new double[] {0.35, 0.50, 0.15}, 30 * 60e9);

    private final double[] levels;
    private final double[] cumulative;
    private final double meanHoldNs;
    private final double meanLevel;

    private VolatilityRegime(final double[] levels, final double[] probabilities, final double meanHoldNs)
    {
        double meanSquare = 0;
        for (int k = 0; k < levels.length; k++)
        {
            meanSquare += probabilities[k] * levels[k] * levels[k];
        }
        final double scale = 1 / Math.sqrt(meanSquare);
        this.levels = new double[levels.length];
        this.cumulative = new double[levels.length];
        double sum = 0;
        double mean = 0;
        for (int k = 0; k < levels.length; k++)
        {
            this.levels[k] = levels[k] * scale;
            sum += probabilities[k];
            this.cumulative[k] = sum;
            mean += probabilities[k] * this.levels[k];
        }
        this.meanHoldNs = meanHoldNs;
        this.meanLevel = mean;
    }

    /** The long-run mean level (below 1, as the mean square is 1): what activity is scaled by. */
    double meanLevel()
    {
        return meanLevel;
    }

    /** The level a simulation starts in: the usual one. */
    double initialLevel()
    {
        return levels[1];
    }

    /** A level drawn by its probability. */
    double drawLevel(final SplittableRandom random)
    {
        final double u = random.nextDouble();
        int k = 0;
        while (k < cumulative.length - 1 && u >= cumulative[k])
        {
            k++;
        }
        return levels[k];
    }

    /** When a level taken at {@code nowNs} gives way to the next. */
    long nextSwitchNs(final long nowNs, final SplittableRandom random)
    {
        return nowNs + (long)(random.nextExponential() * meanHoldNs);
    }
}
