package dev.ticker.fleet;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.InstrumentList;
import org.agrona.concurrent.EpochClock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Publishes the local journal's records to the topic in transactions: the active writer's half of
 * the fleet. Each duty cycle takes the records that wait (up to
 * {@link FleetConfiguration#ticksPerTransaction()}), packs them {@link FleetConfiguration#ticksPerRecord()}
 * to a Kafka record and commits them in one transaction, so a transaction is as big as what
 * accumulated during the last commit. An idle writer commits a heartbeat so that standbys can tell
 * it is alive; the instrument catalogue goes first and again whenever it grows.
 *
 * <p>A record is committed once, in order: after an error the open transaction is given up and a new
 * producer asks the topic what was committed (a commit that timed out may have succeeded), then
 * publishing goes on from the record after that. A writer that another one fenced stops for good
 * ({@link #isFenced()}). Not thread-safe: one thread runs {@link #doWork()}.
 */
public final class JournalPublisher implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalPublisher.class);
    private static final byte[] TICKS = KafkaRecordDescriptor.typeBytes(KafkaRecordDescriptor.TYPE_TICKS);
    private static final byte[] INSTRUMENTS = KafkaRecordDescriptor.typeBytes(KafkaRecordDescriptor.TYPE_INSTRUMENTS);
    private static final byte[] HEARTBEAT = KafkaRecordDescriptor.typeBytes(KafkaRecordDescriptor.TYPE_HEARTBEAT);
    private static final byte[] EMPTY = new byte[0];
    private static final long RECOVERY_INTERVAL_MS = 1_000;

    private final TickJournal journal;
    private final Supplier<KafkaProducer<byte[], byte[]>> producers;
    private KafkaProducer<byte[], byte[]> producer;
    private final FleetConfiguration configuration;
    private final FleetStatus status;
    private final EpochClock clock;
    private final TickTailer tailer;
    private final Tick tick = new Tick();
    private ByteBuffer staging;
    private long committedSequence;
    private long lastCommitMs;
    private long nextCatalogCheckMs;
    private int publishedCatalogSize = -1;
    private boolean fenced;
    private boolean inDoubt;
    private long nextRecoveryMs;

    /**
     * @param producer      a transactional producer whose {@code initTransactions()} has returned.
     * @param producers     makes a new producer (not yet initialised) when this one fails.
     * @param fromSequence  the first sequence to publish: the topic's last committed sequence + 1.
     */
    public JournalPublisher(
        final TickJournal journal,
        final KafkaProducer<byte[], byte[]> producer,
        final Supplier<KafkaProducer<byte[], byte[]>> producers,
        final FleetConfiguration configuration,
        final FleetStatus status,
        final EpochClock clock,
        final long fromSequence)
    {
        this.journal = journal;
        this.producer = producer;
        this.producers = producers;
        this.configuration = configuration;
        this.status = status;
        this.clock = clock;
        this.staging = ByteBuffer.allocate(configuration.ticksPerRecord() * TickDescriptor.LENGTH);
        this.tailer = journal.tailer();
        this.committedSequence = fromSequence - 1;
        seekAfterCommitted();
        status.onCommitted(committedSequence);
    }

    /** One transaction, when there is something to publish or a heartbeat is due; returns the ticks published. */
    public int doWork()
    {
        if (fenced)
        {
            return 0;
        }
        final long nowMs = clock.time();
        if (inDoubt)
        {
            return nowMs >= nextRecoveryMs ? recover(nowMs) : 0;
        }
        final boolean catalogChanged = catalogChanged(nowMs);
        if (!catalogChanged && !tailer.readNext(tick))
        {
            if (nowMs - lastCommitMs < configuration.heartbeatIntervalMs())
            {
                return 0;
            }
            return transaction(nowMs, false, false);
        }
        return transaction(nowMs, catalogChanged, !catalogChanged);
    }

    private int transaction(final long nowMs, final boolean sendCatalog, final boolean holdingTick)
    {
        int count = 0;
        try
        {
            producer.beginTransaction();
            if (sendCatalog)
            {
                final InstrumentCatalog catalog = journal.instruments();
                send(INSTRUMENTS, InstrumentList.newBuilder().addAllInstruments(catalog.instruments()).build().toByteArray(), nowMs);
                publishedCatalogSize = catalog.size();
            }
            long last = committedSequence;
            staging.clear();
            boolean has = holdingTick || tailer.readNext(tick);
            while (has)
            {
                if (tick.sequence != last + 1)
                {
                    throw new IllegalStateException("the journal gave sequence " + tick.sequence + " after " + last);
                }
                KafkaRecordDescriptor.encode(tick, staging, staging.position());
                staging.position(staging.position() + TickDescriptor.LENGTH);
                last = tick.sequence;
                count++;
                if (!staging.hasRemaining())
                {
                    sendTicks(nowMs);
                }
                has = count < configuration.ticksPerTransaction() && tailer.readNext(tick);
            }
            if (staging.position() > 0)
            {
                sendTicks(nowMs);
            }
            if (count == 0 && !sendCatalog)
            {
                send(HEARTBEAT, EMPTY, nowMs);
            }
            producer.commitTransaction();
            committedSequence = last;
            lastCommitMs = nowMs;
            status.onCommitted(last);
            return count;
        }
        catch (final ProducerFencedException ex)
        {
            onFenced(ex);
            return 0;
        }
        catch (final KafkaException ex)
        {
            if (isFencing(ex))
            {
                onFenced(ex);
                return 0;
            }
            status.onKafkaError(ex);
            abort(ex);
            return 0;
        }
    }

    /**
     * After a failed transaction whose outcome may be unknown (a commit that timed out, a producer in
     * an error state): a new producer, {@code initTransactions()} (which aborts this writer's open
     * transaction, if any), then the topic's end decides where to go on. Ticks committed after all
     * must be this journal's own; ticks from another writer mean this one was taken over: it stops.
     */
    private int recover(final long nowMs)
    {
        try
        {
            if (!checkTopicAfterCommitted("before re-initialising"))
            {
                return 0;
            }
            producer.close(Duration.ZERO);
            producer = producers.get();
            producer.initTransactions();
            if (!checkTopicAfterCommitted("after re-initialising"))
            {
                return 0;
            }
            inDoubt = false;
            publishedCatalogSize = -1;
            seekAfterCommitted();
            LOG.info("publishing again with a new producer, from sequence {}", committedSequence + 1);
            return 1;
        }
        catch (final ProducerFencedException ex)
        {
            onFenced(ex);
            return 0;
        }
        catch (final KafkaException | IllegalStateException ex)
        {
            status.onKafkaError(ex);
            LOG.warn("cannot publish yet, trying again in {} ms: {}", RECOVERY_INTERVAL_MS, ex.toString());
            nextRecoveryMs = nowMs + RECOVERY_INTERVAL_MS;
            return 0;
        }
    }

    /**
     * Takes the ticks the topic committed after {@link #committedSequence} as committed when they
     * are this journal's own; false, having stopped as fenced, when they are another writer's.
     */
    private boolean checkTopicAfterCommitted(final String when)
    {
        final List<Tick> after = TopicTail.ticksAfter(configuration, committedSequence);
        if (after.isEmpty())
        {
            return true;
        }
        try (TickTailer local = journal.tailer())
        {
            final Tick mine = new Tick();
            long expected = committedSequence + 1;
            final boolean positioned = local.moveToSequence(expected);
            for (final Tick theirs : after)
            {
                if (theirs.sequence != expected || !positioned || !local.readNext(mine) || !sameTick(mine, theirs))
                {
                    onFenced(new KafkaException("the topic holds sequence " + theirs.sequence + " (" + when +
                        ") that this writer did not commit: another writer took over"));
                    return false;
                }
                expected++;
            }
        }
        committedSequence = after.get(after.size() - 1).sequence;
        status.onCommitted(committedSequence);
        LOG.info("the transaction in doubt was committed: the topic holds this journal up to sequence {}", committedSequence);
        return true;
    }

    private static boolean sameTick(final Tick a, final Tick b)
    {
        return a.sequence == b.sequence && a.eventTimeNs == b.eventTimeNs && a.type == b.type && a.side == b.side &&
            a.instrumentId == b.instrumentId && a.price == b.price && a.size == b.size && a.askPrice == b.askPrice &&
            a.askSize == b.askSize;
    }

    /**
     * Sends the staged ticks. The producer keeps the value until the broker has it, so a full record hands over its array
     * and the next one is staged in a new one (no copy); only a last, partial record of a transaction is copied to its size.
     */
    private void sendTicks(final long nowMs)
    {
        if (staging.hasRemaining())
        {
            send(TICKS, Arrays.copyOf(staging.array(), staging.position()), nowMs);
            staging.clear();
            return;
        }
        send(TICKS, staging.array(), nowMs);
        staging = ByteBuffer.allocate(staging.capacity());
    }

    private void send(final byte[] type, final byte[] value, final long nowMs)
    {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaRecordDescriptor.TYPE_HEADER, type);
        producer.send(new ProducerRecord<>(configuration.topic(), 0, nowMs, null, value, headers));
    }

    private boolean catalogChanged(final long nowMs)
    {
        if (publishedCatalogSize >= 0 && nowMs < nextCatalogCheckMs)
        {
            return false;
        }
        nextCatalogCheckMs = nowMs + configuration.heartbeatIntervalMs();
        return journal.instruments().size() != publishedCatalogSize;
    }

    /**
     * Gives up the open transaction: its outcome is treated as unknown (a commit may have timed out
     * yet succeeded), so publishing goes on only after {@link #recover(long)} has asked the topic.
     */
    private void abort(final KafkaException cause)
    {
        LOG.warn("publishing failed after sequence {}; a new producer will ask the topic where to go on: {}", committedSequence,
            cause.toString());
        try
        {
            producer.abortTransaction();
        }
        catch (final ProducerFencedException ex)
        {
            onFenced(ex);
            return;
        }
        catch (final KafkaException ex)
        {
            // the producer is in an error state: the recovery replaces it
        }
        inDoubt = true;
        nextRecoveryMs = 0;
    }

    private void seekAfterCommitted()
    {
        if (!tailer.moveToSequence(committedSequence + 1))
        {
            throw new IllegalStateException("the journal " + journal.directory() + " does not hold sequence " +
                (committedSequence + 1) + ", the next to publish");
        }
    }

    private void onFenced(final KafkaException ex)
    {
        fenced = true;
        status.role(FleetStatus.Role.FENCED);
        status.alarm("another writer took over the topic " + configuration.topic() + " (transactional id " +
            configuration.transactionalId() + "): this writer is fenced and stops; its last committed sequence is " +
            committedSequence);
        LOG.error("{} ({})", status.alarm(), ex.toString());
    }

    /**
     * Only {@link ProducerFencedException} means another writer took over. An
     * {@link InvalidProducerEpochException} also comes when the broker aborted this writer's
     * transaction for lasting longer than {@code transaction.timeout.ms} (a long stall): that
     * transaction is then in doubt, settled by {@link #recover(long)}, which stops this writer if
     * the topic shows another one took over.
     */
    private static boolean isFencing(final Throwable ex)
    {
        for (Throwable cause = ex; null != cause; cause = cause.getCause())
        {
            if (cause instanceof ProducerFencedException)
            {
                return true;
            }
        }
        return false;
    }

    /** Whether another writer fenced this one: it publishes nothing more. */
    public boolean isFenced()
    {
        return fenced;
    }

    /** Whether it stopped for good: it was fenced, or the topic shows another writer took over. */
    public boolean hasStopped()
    {
        return fenced;
    }

    public long committedSequence()
    {
        return committedSequence;
    }

    /** Closes the tailer and the producer. */
    @Override
    public void close()
    {
        tailer.close();
        producer.close(Duration.ofSeconds(5));
    }
}
