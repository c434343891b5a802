package dev.ticker.simulator;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The live feed's duty cycle: runs the {@link MarketModel} on a live schedule (every instrument
 * open from the start) and writes its ticks into the journal, either when their event time comes
 * ({@link Pace#MODEL}) or evenly at the configured rate ({@link Pace#EVEN}, stamped with the time
 * written). Reads the clocks once per cycle and writes at most a bounded batch, so it catches up
 * smoothly after a stall. Allocates nothing per tick.
 */
public final class SimulatorAgent implements Agent
{
    private final SimulatorConfiguration configuration;
    private final List<SimulatedInstrument> instruments;
    private final TickAppender appender;
    private final EpochNanoClock epochClock;
    private final NanoClock nanoClock;
    private final double ticksPerNano;
    private final int maxBatch;
    private final boolean modelPace;
    private final Tick tick = new Tick();
    private MarketModel model;
    private long startNs;
    private long startEpochNs;
    private long written;

    /**
     * @param instruments the instruments to simulate, with the ids the journal's catalogue gave them.
     */
    public SimulatorAgent(
        final SimulatorConfiguration configuration,
        final List<SimulatedInstrument> instruments,
        final TickAppender appender,
        final EpochNanoClock epochClock,
        final NanoClock nanoClock)
    {
        this.configuration = configuration;
        this.instruments = List.copyOf(instruments);
        this.appender = appender;
        this.epochClock = epochClock;
        this.nanoClock = nanoClock;
        this.ticksPerNano = configuration.rate() / 1e9;
        this.maxBatch = configuration.maxBatch();
        this.modelPace = configuration.pace() == Pace.MODEL;
    }

    @Override
    public void onStart()
    {
        startNs = nanoClock.nanoTime();
        startEpochNs = epochClock.nanoTime();
        final SessionSchedule schedule = SessionSchedule.continuous(
            instruments.size(), startEpochNs, TimeUnit.MINUTES.toNanos(configuration.dayMinutes()));
        model = new MarketModel(instruments, schedule, configuration.seed(), configuration.activity());
    }

    @Override
    public int doWork()
    {
        final long elapsedNs = nanoClock.nanoTime() - startNs;
        return modelPace ? writeDue(startEpochNs + elapsedNs) : writeEvenly(elapsedNs);
    }

    /** Writes the ticks whose event time has come. */
    private int writeDue(final long nowEpochNs)
    {
        int count = 0;
        while (count < maxBatch && model.nextEventTimeNs() <= nowEpochNs && model.next(tick))
        {
            appender.append(tick);
            count++;
        }
        written += count;
        return count;
    }

    /** Writes the ticks due at the configured rate, stamped with the time now. */
    private int writeEvenly(final long elapsedNs)
    {
        final long due = (long)(elapsedNs * ticksPerNano) - written;
        final int count = (int)Math.min(due, maxBatch);
        if (count <= 0)
        {
            return 0;
        }
        final long eventTimeNs = epochClock.nanoTime();
        int done = 0;
        while (done < count && model.next(tick))
        {
            tick.eventTimeNs = eventTimeNs;
            appender.append(tick);
            done++;
        }
        written += done;
        return done;
    }

    /** Ticks written so far. */
    public long written()
    {
        return written;
    }

    @Override
    public String roleName()
    {
        return "feed-simulator";
    }
}
