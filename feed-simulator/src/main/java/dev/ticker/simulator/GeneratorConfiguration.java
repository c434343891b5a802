package dev.ticker.simulator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Every setting of a historical generation, with its default. {@link #validate()} checks them
 * once, before anything is written, and names the bad one as {@code key=value: why}.
 *
 * <table>
 *   <caption>Generator settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>journal</td><td>(required)</td><td>the journal folder to write; must not hold records</td></tr>
 *   <tr><td>date</td><td>(required)</td><td>the first trading day (a weekend start moves to the Monday)</td></tr>
 *   <tr><td>days</td><td>1</td><td>trading days (weekdays) to generate</td></tr>
 *   <tr><td>seed</td><td>42</td><td>seed of the market model: the same settings give the same journal, byte for byte</td></tr>
 *   <tr><td>activity</td><td>0.1</td><td>share of each instrument's average daily volume to trade (about 2.8 million ticks a day for the built-in universe)</td></tr>
 *   <tr><td>instruments</td><td>the built-in universe</td><td>instruments to generate</td></tr>
 *   <tr><td>replace</td><td>false</td><td>replace a journal that already holds records</td></tr>
 * </table>
 */
public final class GeneratorConfiguration
{
    public static final int MAX_DAYS = 366;
    public static final double DEFAULT_ACTIVITY = 0.1;
    public static final double MAX_ACTIVITY = 100;

    private Path journal;
    private LocalDate date;
    private int days = 1;
    private long seed = SimulatorConfiguration.DEFAULT_SEED;
    private double activity = DEFAULT_ACTIVITY;
    private boolean replace;
    private List<SimulatedInstrument> instruments;

    public Path journal()
    {
        return journal;
    }

    public GeneratorConfiguration journal(final Path journal)
    {
        this.journal = journal;
        return this;
    }

    public LocalDate date()
    {
        return date;
    }

    public GeneratorConfiguration date(final LocalDate date)
    {
        this.date = date;
        return this;
    }

    public int days()
    {
        return days;
    }

    public GeneratorConfiguration days(final int days)
    {
        this.days = days;
        return this;
    }

    public long seed()
    {
        return seed;
    }

    public GeneratorConfiguration seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    public double activity()
    {
        return activity;
    }

    public GeneratorConfiguration activity(final double activity)
    {
        this.activity = activity;
        return this;
    }

    public boolean replace()
    {
        return replace;
    }

    public GeneratorConfiguration replace(final boolean replace)
    {
        this.replace = replace;
        return this;
    }

    /** The instruments to generate; the built-in universe when none were set. */
    public List<SimulatedInstrument> instruments()
    {
        if (null == instruments)
        {
            instruments = InstrumentFile.defaults();
        }
        return instruments;
    }

    public GeneratorConfiguration instruments(final List<SimulatedInstrument> instruments)
    {
        this.instruments = List.copyOf(instruments);
        return this;
    }

    /** @throws IllegalArgumentException naming the first bad setting as {@code key=value: why}. */
    public GeneratorConfiguration validate()
    {
        if (null == journal)
        {
            throw new IllegalArgumentException("journal=null: a journal folder to write is needed");
        }
        if (null == date)
        {
            throw new IllegalArgumentException("date=null: the first trading day is needed");
        }
        if (days < 1 || days > MAX_DAYS)
        {
            throw new IllegalArgumentException("days=" + days + ": must be from 1 to " + MAX_DAYS);
        }
        if (!(activity > 0) || activity > MAX_ACTIVITY)
        {
            throw new IllegalArgumentException("activity=" + activity + ": must be above 0 and at most " + MAX_ACTIVITY);
        }
        if (instruments().isEmpty())
        {
            throw new IllegalArgumentException("instruments=[]: at least one instrument is needed");
        }
        return this;
    }
}
