package dev.ticker.fleet;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.simulator.FeedSimulator;
import dev.ticker.simulator.SimulatedInstrument;
import dev.ticker.simulator.SimulatorConfiguration;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A writer of the fleet, active or standby, on its own local journal. Every writer starts by
 * following the topic into its journal. A standby goes on following until the active writer has
 * committed nothing (not even a heartbeat) for {@link FleetConfiguration#takeoverAfterMs()}; an
 * active one takes over at once. Taking over:
 *
 * <ol>
 *   <li>{@code initTransactions()} with the writers' shared transactional id: Kafka fences the old
 *       writer and aborts its open transaction, so nothing it still sends is ever committed;</li>
 *   <li>read the topic to its end: the last committed sequence, now final;</li>
 *   <li>start the simulator on the journal, which continues from that sequence + 1 and from the
 *       last prices, and publish the journal from there ({@link JournalPublisher}).</li>
 * </ol>
 *
 * A writer that is fenced in turn stops its simulator and ends ({@link #hasEnded()}).
 * Not thread-safe: one thread runs {@link #doWork()}.
 */
public final class FleetWriter implements Agent, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(FleetWriter.class);
    private static final long READ_TO_END_TIMEOUT_MS = 60_000;
    private static final long DRAIN_TIMEOUT_MS = 10_000;
    /** How far back the last prices are looked for when a writer takes over. */
    private static final long LAST_PRICE_LOOKBACK = 200_000;

    private final TickJournal journal;
    private final FleetConfiguration configuration;
    private final SimulatorConfiguration simulatorConfiguration;
    private final boolean standby;
    private final FleetStatus status;
    private final EpochClock clock;
    private final long startMs;
    private final Runnable onEnded;
    private TopicFollower follower;
    private KafkaProducer<byte[], byte[]> producer;
    private JournalPublisher publisher;
    private FeedSimulator simulator;
    private volatile boolean ended;

    /**
     * @param standby false to take over at once (fencing any writer there is), true to wait for the
     *                active writer to fall silent.
     */
    public FleetWriter(
        final TickJournal journal,
        final FleetConfiguration configuration,
        final SimulatorConfiguration simulatorConfiguration,
        final boolean standby,
        final EpochClock clock)
    {
        this(journal, configuration, simulatorConfiguration, standby, clock, () ->
        {
        });
    }

    /**
     * @param onEnded called on the writer's thread when it ends for good ({@link #hasEnded()}).
     */
    public FleetWriter(
        final TickJournal journal,
        final FleetConfiguration configuration,
        final SimulatorConfiguration simulatorConfiguration,
        final boolean standby,
        final EpochClock clock,
        final Runnable onEnded)
    {
        this.onEnded = onEnded;
        this.journal = journal;
        this.configuration = configuration.validate();
        this.simulatorConfiguration = simulatorConfiguration.validate();
        this.standby = standby;
        this.clock = clock;
        this.status = new FleetStatus(FleetStatus.Role.STANDBY);
        TopicSetup.ensure(configuration);
        this.follower = new TopicFollower(journal, configuration, status, clock);
        this.startMs = clock.time();
    }

    @Override
    public int doWork()
    {
        if (ended)
        {
            return 0;
        }
        if (null != follower)
        {
            final int work = follower.doWork();
            if (follower.isStopped())
            {
                end("the standby cannot follow the topic: " + status.alarm());
                return work;
            }
            final long silentSinceMs = Math.max(startMs, status.lastRecordAtMs());
            if (!standby || clock.time() - silentSinceMs >= configuration.takeoverAfterMs())
            {
                takeOver(clock.time() - silentSinceMs);
            }
            return work + 1;
        }
        final int work = publisher.doWork();
        if (publisher.hasStopped())
        {
            end(status.alarm());
        }
        return work;
    }

    private void takeOver(final long silentMs)
    {
        final long startNs = System.nanoTime();
        producer = new KafkaProducer<>(configuration.producerProperties());
        // fences every other producer with this transactional id and aborts its open transaction
        producer.initTransactions();
        if (!follower.readToEnd(clock.time() + READ_TO_END_TIMEOUT_MS))
        {
            end("cannot take over: the topic could not be read to its end: " + status.alarm());
            return;
        }
        final long from = follower.lastTopicSequence() + 1;
        follower.close();
        follower = null;
        final SimulatorConfiguration continuing = continueFromLastPrices(simulatorConfiguration);
        simulator = FeedSimulator.start(journal, continuing);
        publisher = new JournalPublisher(
            journal, producer, () -> new KafkaProducer<>(configuration.producerProperties()), configuration, status, clock, from);
        producer = null;
        status.role(FleetStatus.Role.ACTIVE);
        status.onTakeover();
        LOG.info("this writer is active on topic {}: continuing from sequence {} ({} ms without a committed record, " +
            "took over in {} ms)", configuration.topic(), from, silentMs, (System.nanoTime() - startNs) / 1_000_000);
    }

    /** The simulator's instruments with each one's reference price at its last price in the journal. */
    private SimulatorConfiguration continueFromLastPrices(final SimulatorConfiguration base)
    {
        final Map<Integer, Long> lastPrice = new HashMap<>();
        final long head = journal.headSequence();
        if (head > 0)
        {
            try (TickTailer tailer = journal.tailer())
            {
                if (tailer.moveToSequence(Math.max(tailer.firstSequence(), head - LAST_PRICE_LOOKBACK)))
                {
                    final Tick tick = new Tick();
                    while (tailer.readNext(tick))
                    {
                        if (tick.isTrade())
                        {
                            lastPrice.put(tick.instrumentId, tick.price);
                        }
                        else if (tick.isQuote() && tick.price > 0 && tick.askPrice > 0)
                        {
                            lastPrice.put(tick.instrumentId, (tick.price + tick.askPrice) / 2);
                        }
                    }
                }
            }
        }
        final List<SimulatedInstrument> instruments = new ArrayList<>();
        for (final SimulatedInstrument simulated : base.instruments())
        {
            final Instrument catalogued = journal.instruments().bySymbol(simulated.symbol());
            final Long price = null == catalogued ? null : lastPrice.get(catalogued.getId());
            instruments.add(null == price ? simulated :
                simulated.withInstrument(simulated.instrument().toBuilder().setReferencePrice(price).build()));
        }
        return base.instruments(instruments);
    }

    private void end(final String why)
    {
        ended = true;
        status.alarm(why);
        if (null != simulator)
        {
            CloseHelper.quietClose(simulator);
            simulator = null;
        }
        LOG.error("the writer stops: {}", why);
        onEnded.run();
    }

    /** Whether the writer stopped for good: fenced by another writer, or unable to go on. */
    public boolean hasEnded()
    {
        return ended;
    }

    public FleetStatus status()
    {
        return status;
    }

    /** The sequence of the last tick in this writer's journal. */
    public long headSequence()
    {
        return null != follower ? follower.headSequence() : null != simulator ? simulator.lastSequence() : journal.headSequence();
    }

    @Override
    public String roleName()
    {
        return "fleet-writer";
    }

    /** Stops simulating, publishes what the journal holds (for a bounded time) and closes. */
    @Override
    public void close()
    {
        if (null != simulator)
        {
            final FeedSimulator stopping = simulator;
            simulator = null;
            stopping.close();
            final long head = stopping.lastSequence();
            final long deadlineMs = clock.time() + DRAIN_TIMEOUT_MS;
            while (null != publisher && !publisher.hasStopped() && publisher.committedSequence() < head && clock.time() < deadlineMs)
            {
                publisher.doWork();
            }
        }
        CloseHelper.closeAll(publisher, follower, producer);
    }
}
