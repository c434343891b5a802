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
import java.util.Arrays;

/**
 * Publishes the local journal's records to the topic in transactions: the active writer's half of
 * the fleet. Each duty cycle takes the records that wait (up to
 * {@link FleetConfiguration#ticksPerTransaction()}), packs them {@link FleetConfiguration#ticksPerRecord()}
 * to a Kafka record and commits them in one transaction, so a transaction is as big as what
 * accumulated during the last commit. An idle writer commits a heartbeat so that standbys can tell
 * it is alive; the instrument catalogue goes first and again whenever it grows.
 *
 * <p>A record is committed once, in order: after an error the open transaction is aborted and the
 * records from the last committed one on are sent again. A writer that another one fenced stops
 * for good ({@link #isFenced()}). Not thread-safe: one thread runs {@link #doWork()}.
 */
public final class JournalPublisher implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalPublisher.class);
    private static final byte[] TICKS = KafkaRecordDescriptor.typeBytes(KafkaRecordDescriptor.TYPE_TICKS);
    private static final byte[] INSTRUMENTS = KafkaRecordDescriptor.typeBytes(KafkaRecordDescriptor.TYPE_INSTRUMENTS);
    private static final byte[] HEARTBEAT = KafkaRecordDescriptor.typeBytes(KafkaRecordDescriptor.TYPE_HEARTBEAT);
    private static final byte[] EMPTY = new byte[0];

    private final TickJournal journal;
    private final KafkaProducer<byte[], byte[]> producer;
    private final FleetConfiguration configuration;
    private final FleetStatus status;
    private final EpochClock clock;
    private final TickTailer tailer;
    private final Tick tick = new Tick();
    private final ByteBuffer staging;
    private long committedSequence;
    private long lastCommitMs;
    private long nextCatalogCheckMs;
    private int publishedCatalogSize = -1;
    private boolean fenced;
    private boolean failed;

    /**
     * @param producer      a transactional producer whose {@code initTransactions()} has returned.
     * @param fromSequence  the first sequence to publish: the topic's last committed sequence + 1.
     */
    public JournalPublisher(
        final TickJournal journal,
        final KafkaProducer<byte[], byte[]> producer,
        final FleetConfiguration configuration,
        final FleetStatus status,
        final EpochClock clock,
        final long fromSequence)
    {
        this.journal = journal;
        this.producer = producer;
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
        if (fenced || failed)
        {
            return 0;
        }
        final long nowMs = clock.time();
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
        catch (final ProducerFencedException | InvalidProducerEpochException ex)
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

    private void sendTicks(final long nowMs)
    {
        send(TICKS, Arrays.copyOf(staging.array(), staging.position()), nowMs);
        staging.clear();
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

    /** Aborts the open transaction and goes back to the record after the last committed one. */
    private void abort(final KafkaException cause)
    {
        LOG.warn("publishing failed, the transaction is aborted and sent again from sequence {}: {}", committedSequence + 1,
            cause.toString());
        try
        {
            producer.abortTransaction();
        }
        catch (final ProducerFencedException | InvalidProducerEpochException ex)
        {
            onFenced(ex);
            return;
        }
        catch (final KafkaException ex)
        {
            failed = true;
            status.alarm("the writer cannot publish any more: " + ex);
            LOG.error("the writer cannot publish any more: {}", ex.toString());
            return;
        }
        publishedCatalogSize = -1;
        seekAfterCommitted();
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

    private static boolean isFencing(final Throwable ex)
    {
        for (Throwable cause = ex; null != cause; cause = cause.getCause())
        {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException)
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

    /** Whether it stopped for an error it cannot recover from, or was fenced. */
    public boolean hasStopped()
    {
        return fenced || failed;
    }

    public long committedSequence()
    {
        return committedSequence;
    }

    @Override
    public void close()
    {
        tailer.close();
    }
}
