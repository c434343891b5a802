package dev.ticker.simulator;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.proto.v1.Instrument;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

import java.util.List;

/**
 * The live feed's duty cycle: writes the model's ticks into the journal at the configured rate,
 * stamped with the current time. Each cycle writes the ticks that are due since the start (at most
 * a bounded batch, so that it catches up smoothly after a stall). Allocates nothing per tick.
 */
public final class SimulatorAgent implements Agent
{
    private final TickAppender appender;
    private final RandomWalkModel model;
    private final EpochNanoClock epochClock;
    private final NanoClock nanoClock;
    private final double ticksPerNano;
    private final int maxBatch;
    private final Tick tick = new Tick();
    private long startNs;
    private long written;

    /**
     * @param instruments the instruments to simulate, with the ids the journal's catalogue gave them.
     */
    public SimulatorAgent(
        final SimulatorConfiguration configuration,
        final List<Instrument> instruments,
        final TickAppender appender,
        final EpochNanoClock epochClock,
        final NanoClock nanoClock)
    {
        this.appender = appender;
        this.model = new RandomWalkModel(instruments, configuration.seed());
        this.epochClock = epochClock;
        this.nanoClock = nanoClock;
        this.ticksPerNano = configuration.rate() / 1e9;
        this.maxBatch = configuration.maxBatch();
    }

    @Override
    public void onStart()
    {
        startNs = nanoClock.nanoTime();
    }

    @Override
    public int doWork()
    {
        final long nowNs = nanoClock.nanoTime();
        final long due = (long)((nowNs - startNs) * ticksPerNano) - written;
        final int count = (int)Math.min(due, maxBatch);
        if (count <= 0)
        {
            return 0;
        }
        final long eventTimeNs = epochClock.nanoTime();
        for (int i = 0; i < count; i++)
        {
            model.next(tick).eventTimeNs = eventTimeNs;
            appender.append(tick);
        }
        written += count;
        return count;
    }

    @Override
    public String roleName()
    {
        return "feed-simulator";
    }
}
