package dev.ticker.simulator;

import dev.ticker.proto.v1.Instrument;

import java.util.List;

/**
 * Every setting of the live simulator, with its default. {@link #validate()} checks them once,
 * before anything starts, and names the bad one as {@code key=value: why}.
 *
 * <table>
 *   <caption>Simulator settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>rate</td><td>2000</td><td>ticks (trades + quotes) written per second</td></tr>
 *   <tr><td>seed</td><td>42</td><td>seed of the market model; the same seed gives the same ticks</td></tr>
 *   <tr><td>instruments</td><td>the built-in universe</td><td>instruments to simulate</td></tr>
 *   <tr><td>maxBatch</td><td>4096</td><td>most ticks written in one duty cycle when catching up</td></tr>
 * </table>
 */
public final class SimulatorConfiguration
{
    public static final int DEFAULT_RATE = 2_000;
    public static final int MAX_RATE = 10_000_000;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_MAX_BATCH = 4096;

    private int rate = DEFAULT_RATE;
    private long seed = DEFAULT_SEED;
    private int maxBatch = DEFAULT_MAX_BATCH;
    private List<Instrument> instruments;

    public int rate()
    {
        return rate;
    }

    public SimulatorConfiguration rate(final int ticksPerSecond)
    {
        this.rate = ticksPerSecond;
        return this;
    }

    public long seed()
    {
        return seed;
    }

    public SimulatorConfiguration seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    public int maxBatch()
    {
        return maxBatch;
    }

    public SimulatorConfiguration maxBatch(final int maxBatch)
    {
        this.maxBatch = maxBatch;
        return this;
    }

    /** The instruments to simulate; the built-in universe when none were set. */
    public List<Instrument> instruments()
    {
        if (null == instruments)
        {
            instruments = InstrumentFile.defaults();
        }
        return instruments;
    }

    public SimulatorConfiguration instruments(final List<Instrument> instruments)
    {
        this.instruments = List.copyOf(instruments);
        return this;
    }

    /** @throws IllegalArgumentException naming the first bad setting as {@code key=value: why}. */
    public SimulatorConfiguration validate()
    {
        if (rate < 1 || rate > MAX_RATE)
        {
            throw new IllegalArgumentException("rate=" + rate + ": must be from 1 to " + MAX_RATE + " ticks per second");
        }
        if (maxBatch < 1)
        {
            throw new IllegalArgumentException("maxBatch=" + maxBatch + ": must be at least 1");
        }
        if (instruments().isEmpty())
        {
            throw new IllegalArgumentException("instruments=[]: at least one instrument is needed");
        }
        return this;
    }
}
