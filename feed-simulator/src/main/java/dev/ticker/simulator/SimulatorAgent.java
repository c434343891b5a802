package dev.ticker.simulator;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The live feed's duty cycle: runs the {@link MarketModel} on a live schedule (every instrument
 * open from the start, or each in its venue's hours: {@link MarketHours}) and writes its ticks into the journal, either when their event time comes
 * ({@link Pace#MODEL}) or evenly at the configured rate ({@link Pace#EVEN}, stamped with the time
 * written). Reads the clocks once per cycle and writes at most a bounded batch, so it catches up
 * smoothly after a stall. Allocates nothing per tick.
 *
 * <p>A full disk stops the feed, not the process: when the journal refuses a tick
 * ({@link TickAppender#DISK_FULL}) the agent logs the reason once, keeps the tick and offers it
 * again each duty cycle; once space is back it writes it with the next sequence and goes on, and
 * logs that it resumed. Nothing is written meanwhile, so the journal shows the outage as a pause.
 */
public final class SimulatorAgent implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorAgent.class);
    /** How far ahead a venue-hours schedule is laid out: a feed on venue hours stops after a year. */
    static final int VENUE_SCHEDULE_DAYS = 366;

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
    /** The tick holds a record the journal refused for want of disk space: it goes first. */
    private boolean pending;
    private long diskFullStops;

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
        final boolean venueHours = configuration.marketHours() == MarketHours.VENUE;
        final SessionSchedule schedule = venueHours ?
            SessionSchedule.venue(instruments, startEpochNs, VENUE_SCHEDULE_DAYS) :
            SessionSchedule.continuous(instruments.size(), startEpochNs, TimeUnit.MINUTES.toNanos(configuration.dayMinutes()));
        model = new MarketModel(instruments, schedule, configuration.seed(), configuration.activity(), venueHours);
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
        if (pending && !write())
        {
            return 0;
        }
        int count = 0;
        while (count < maxBatch && model.nextEventTimeNs() <= nowEpochNs && model.next(tick))
        {
            if (!write())
            {
                break;
            }
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
        if (pending)
        {
            tick.eventTimeNs = eventTimeNs;
            if (!write())
            {
                return 0;
            }
            done++;
        }
        while (done < count && model.next(tick))
        {
            tick.eventTimeNs = eventTimeNs;
            if (!write())
            {
                break;
            }
            done++;
        }
        written += done;
        return done;
    }

    /** Appends the tick; false, keeping it for the next cycle, when the disk is full. */
    private boolean write()
    {
        if (TickAppender.DISK_FULL == appender.append(tick))
        {
            if (!pending)
            {
                diskFullStops++;
                LOG.error("the feed stopped writing: {}. It resumes by itself once space is freed; nothing is lost " +
                    "from the journal meanwhile, and no ticks are written", appender.diskFullReason());
            }
            pending = true;
            return false;
        }
        if (pending)
        {
            pending = false;
            LOG.info("the feed writes again: disk space is back; sequence {} follows on", tick.sequence);
        }
        return true;
    }

    /** Whether the feed is stopped by a full disk, waiting for space. */
    public boolean isStoppedByFullDisk()
    {
        return pending;
    }

    /** How many times a full disk stopped the feed. */
    public long diskFullStops()
    {
        return diskFullStops;
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
