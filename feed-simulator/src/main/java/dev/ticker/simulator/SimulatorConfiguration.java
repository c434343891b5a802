package dev.ticker.simulator;

import java.util.List;

/**
 * Every setting of the live simulator, with its default. {@link #validate()} checks them once,
 * before anything starts, and names the bad one as {@code key=value: why}.
 *
 * <table>
 *   <caption>Simulator settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>rate</td><td>2000</td><td>ticks (trades + quotes) written per second, on average; on venue hours, shared by the instruments in session</td></tr>
 *   <tr><td>pace</td><td>MODEL</td><td>MODEL: at the model's event times (bursty); EVEN: exactly the rate</td></tr>
 *   <tr><td>seed</td><td>42</td><td>seed of the market model; the same seed gives the same market</td></tr>
 *   <tr><td>instruments</td><td>the built-in universe</td><td>instruments to simulate</td></tr>
 *   <tr><td>dayMinutes</td><td>30</td><td>length of the live market's intraday cycle (busy open, calm middle, busy close); ALWAYS hours only</td></tr>
 *   <tr><td>marketHours</td><td>ALWAYS</td><td>ALWAYS: every instrument trades from the start; VENUE: each in its venue's hours</td></tr>
 *   <tr><td>maxBatch</td><td>4096</td><td>most ticks written in one duty cycle when catching up</td></tr>
 * </table>
 */
public final class SimulatorConfiguration
{
    public static final int DEFAULT_RATE = 2_000;
    public static final int MAX_RATE = 10_000_000;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_MAX_BATCH = 4096;
    public static final int DEFAULT_DAY_MINUTES = 30;
    public static final int MAX_DAY_MINUTES = 24 * 60;

    private int rate = DEFAULT_RATE;
    private Pace pace = Pace.MODEL;
    private long seed = DEFAULT_SEED;
    private int maxBatch = DEFAULT_MAX_BATCH;
    private int dayMinutes = DEFAULT_DAY_MINUTES;
    private MarketHours marketHours = MarketHours.ALWAYS;
    private List<SimulatedInstrument> instruments;

    public int rate()
    {
        return rate;
    }

    public SimulatorConfiguration rate(final int ticksPerSecond)
    {
        this.rate = ticksPerSecond;
        return this;
    }

    public Pace pace()
    {
        return pace;
    }

    public SimulatorConfiguration pace(final Pace pace)
    {
        this.pace = pace;
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

    public int dayMinutes()
    {
        return dayMinutes;
    }

    public SimulatorConfiguration dayMinutes(final int dayMinutes)
    {
        this.dayMinutes = dayMinutes;
        return this;
    }

    public MarketHours marketHours()
    {
        return marketHours;
    }

    public SimulatorConfiguration marketHours(final MarketHours marketHours)
    {
        this.marketHours = marketHours;
        return this;
    }

    /** The instruments to simulate; the built-in universe when none were set. */
    public List<SimulatedInstrument> instruments()
    {
        if (null == instruments)
        {
            instruments = InstrumentFile.defaults();
        }
        return instruments;
    }

    public SimulatorConfiguration instruments(final List<SimulatedInstrument> instruments)
    {
        this.instruments = List.copyOf(instruments);
        return this;
    }

    /** The model's activity that gives {@link #rate()} ticks per second on average. */
    public double activity()
    {
        return rate / MarketModel.meanTicksPerSecond(instruments(), 1.0);
    }

    /** @throws IllegalArgumentException naming the first bad setting as {@code key=value: why}. */
    public SimulatorConfiguration validate()
    {
        if (rate < 1 || rate > MAX_RATE)
        {
            throw new IllegalArgumentException("rate=" + rate + ": must be from 1 to " + MAX_RATE + " ticks per second");
        }
        if (null == pace)
        {
            throw new IllegalArgumentException("pace=null: must be MODEL or EVEN");
        }
        if (maxBatch < 1)
        {
            throw new IllegalArgumentException("maxBatch=" + maxBatch + ": must be at least 1");
        }
        if (dayMinutes < 1 || dayMinutes > MAX_DAY_MINUTES)
        {
            throw new IllegalArgumentException("dayMinutes=" + dayMinutes + ": must be from 1 to " + MAX_DAY_MINUTES);
        }
        if (null == marketHours)
        {
            throw new IllegalArgumentException("marketHours=null: must be ALWAYS or VENUE");
        }
        if (marketHours == MarketHours.VENUE && pace != Pace.MODEL)
        {
            throw new IllegalArgumentException("marketHours=VENUE with pace=" + pace +
                ": venue hours need pace MODEL (EVEN writes the rate evenly whatever the hour)");
        }
        if (instruments().isEmpty())
        {
            throw new IllegalArgumentException("instruments=[]: at least one instrument is needed");
        }
        return this;
    }
}
