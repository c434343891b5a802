package dev.ticker.simulator;

/**
 * The U-shaped intraday activity of a trading session: busy at the open, calm at midday, busy
 * again into the close. It scales both the arrival rate of trades and quotes and the variance of
 * price moves, as on real exchanges. Normalised so that its mean over a session is 1, so a session
 * still holds the configured volume and variance. A lookup table: no transcendental function per
 * tick.
 */
public final class IntradayCurve
{
    private static final int STEPS = 1024;
    /** Share of the curve that is flat; the rest is the open and the close. */
    private static final double BASE = 0.55;
    private static final double OPEN_WEIGHT = 2.6;
    private static final double OPEN_DECAY = 0.05;
    private static final double CLOSE_WEIGHT = 1.6;
    private static final double CLOSE_DECAY = 0.04;

    private static final double[] LEVEL = new double[STEPS + 1];
    private static final double[] SQRT_LEVEL = new double[STEPS + 1];

    static
    {
        double sum = 0;
        for (int i = 0; i <= STEPS; i++)
        {
            LEVEL[i] = raw((double)i / STEPS);
            sum += (i == 0 || i == STEPS) ? LEVEL[i] / 2 : LEVEL[i];
        }
        final double mean = sum / STEPS;
        for (int i = 0; i <= STEPS; i++)
        {
            LEVEL[i] /= mean;
            SQRT_LEVEL[i] = Math.sqrt(LEVEL[i]);
        }
    }

    private IntradayCurve()
    {
    }

    private static double raw(final double phase)
    {
        return BASE + OPEN_WEIGHT * StrictMath.exp(-phase / OPEN_DECAY) + CLOSE_WEIGHT * StrictMath.exp(-(1 - phase) / CLOSE_DECAY);
    }

    /** The activity at {@code phase} (0 at the open, 1 at the close) relative to the session's mean. */
    public static double level(final double phase)
    {
        return LEVEL[index(phase)];
    }

    /** The square root of {@link #level(double)}: the scale of price moves. */
    public static double sqrtLevel(final double phase)
    {
        return SQRT_LEVEL[index(phase)];
    }

    private static int index(final double phase)
    {
        final int index = (int)(phase * STEPS + 0.5);
        return index < 0 ? 0 : Math.min(index, STEPS);
    }
}
