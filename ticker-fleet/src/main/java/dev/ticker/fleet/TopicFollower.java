package dev.ticker.fleet;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.InstrumentList;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Follows the topic's committed records into a local journal: the edge's whole job, and a standby
 * writer's until it takes over. Every tick must carry the journal's head + 1. A tick at or below
 * the head (read again after a restart) is checked equal to the journal's record and skipped and
 * counted; anything else (a gap, a damaged record, a tick that differs from the journal's) stops
 * following with an alarm, never a silent skip, and the journal keeps what it has.
 *
 * <p>It holds the journal's writer role while it runs. Not thread-safe: one thread runs
 * {@link #doWork()}; {@link #status()} may be read by any.
 */
public final class TopicFollower implements Agent, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);

    private final TickJournal journal;
    private final FleetConfiguration configuration;
    private final FleetStatus status;
    private final EpochClock clock;
    private final TopicPartition partition;
    private final FollowerPosition position;
    private final KafkaConsumer<byte[], ByteBuffer> consumer;
    private final TickAppender appender;
    private final Tick tick = new Tick();
    private final Tick local = new Tick();
    private TickTailer verifier;
    private long verifierNext = TickDescriptor.NO_SEQUENCE;
    private long lastTopicSequence;
    private long nextOffset;
    private long lastCheckpointMs;
    private long lastAppliedTimestampMs;
    private boolean stopped;

    /**
     * Takes the journal's writer role and starts reading the topic where the journal's position
     * file says, or from the start.
     */
    public TopicFollower(
        final TickJournal journal, final FleetConfiguration configuration, final FleetStatus status, final EpochClock clock)
    {
        this.journal = journal;
        this.configuration = configuration.validate();
        this.status = status;
        this.clock = clock;
        this.partition = new TopicPartition(configuration.topic(), 0);
        this.position = new FollowerPosition(journal.directory(), configuration.topic());
        final long saved = position.load();
        this.appender = journal.appender();
        try
        {
            this.consumer = new KafkaConsumer<>(configuration.followerConsumerProperties("ticker-follower-" + journal.directory().getFileName()));
            consumer.assign(List.of(partition));
            if (saved >= 0)
            {
                consumer.seek(partition, saved);
                nextOffset = saved;
            }
            else
            {
                consumer.seekToBeginning(List.of(partition));
            }
        }
        catch (final RuntimeException ex)
        {
            appender.close();
            throw ex;
        }
        lastTopicSequence = appender.lastSequence();
        status.headSequence(appender.lastSequence());
        lastCheckpointMs = clock.time();
    }

    @Override
    public int doWork()
    {
        if (stopped)
        {
            return 0;
        }
        final ConsumerRecords<byte[], ByteBuffer> records;
        try
        {
            records = consumer.poll(POLL_TIMEOUT);
        }
        catch (final KafkaException ex)
        {
            status.onKafkaError(ex);
            return 0;
        }
        final long nowMs = clock.time();
        int work = 0;
        for (final ConsumerRecord<byte[], ByteBuffer> record : records)
        {
            if (!apply(record))
            {
                stop();
                break;
            }
            nextOffset = record.offset() + 1;
            status.onRecord(nowMs);
            work++;
        }
        if (!stopped)
        {
            updateLag(nowMs);
            if (nowMs - lastCheckpointMs >= configuration.checkpointIntervalMs())
            {
                checkpoint(nowMs);
            }
        }
        return work;
    }

    /**
     * Reads every committed record there is now (a writer taking over calls this after fencing the
     * old one, whose open transaction is then aborted), or until the deadline.
     *
     * @return whether it reached the end of the topic with no alarm.
     */
    public boolean readToEnd(final long deadlineMs)
    {
        final long end = consumer.endOffsets(Set.of(partition)).get(partition);
        while (!stopped && consumer.position(partition) < end)
        {
            if (clock.time() > deadlineMs)
            {
                return false;
            }
            doWork();
        }
        return !stopped;
    }

    /** The newest sequence the topic held among the records read (at least the journal's head). */
    public long lastTopicSequence()
    {
        return lastTopicSequence;
    }

    public long headSequence()
    {
        return appender.lastSequence();
    }

    public boolean isStopped()
    {
        return stopped;
    }

    public FleetStatus status()
    {
        return status;
    }

    private boolean apply(final ConsumerRecord<byte[], ByteBuffer> record)
    {
        final String type = KafkaRecordDescriptor.type(record.headers());
        if (KafkaRecordDescriptor.TYPE_TICKS.equals(type))
        {
            return applyTicks(record);
        }
        if (KafkaRecordDescriptor.TYPE_INSTRUMENTS.equals(type))
        {
            return applyInstruments(record);
        }
        // heartbeats and types of later versions carry nothing for the journal
        return true;
    }

    private boolean applyTicks(final ConsumerRecord<byte[], ByteBuffer> record)
    {
        // the value is a view of the fetched bytes (no copy): its ticks lie from its position to its limit
        final ByteBuffer buffer = record.value();
        final int length = null == buffer ? 0 : buffer.remaining();
        if (length == 0 || length % TickDescriptor.LENGTH != 0)
        {
            return alarm("record at offset " + record.offset() + " of " + partition + " has " + length +
                " bytes, not a whole number of " + TickDescriptor.LENGTH + "-byte ticks");
        }
        final int start = buffer.position();
        long applied = 0;
        for (int offset = 0; offset < length; offset += TickDescriptor.LENGTH)
        {
            if (!KafkaRecordDescriptor.decode(buffer, start + offset, tick))
            {
                return alarm("tick " + (offset / TickDescriptor.LENGTH) + " of the record at offset " + record.offset() + " of " +
                    partition + " (sequence " + tick.sequence + ") fails its checksum");
            }
            final long head = appender.lastSequence();
            lastTopicSequence = Math.max(lastTopicSequence, tick.sequence);
            if (tick.sequence <= head)
            {
                if (!sameAsJournal(tick))
                {
                    return alarm("the topic's sequence " + tick.sequence + " (offset " + record.offset() + ") differs from the " +
                        "journal's record " + local + ": this journal holds records the topic never committed (a fenced " +
                        "writer's); move " + journal.directory() + " away and let it bootstrap from the topic");
                }
                status.onDuplicate();
                continue;
            }
            if (tick.sequence != head + 1)
            {
                return alarm("gap: the journal's head is sequence " + head + " but the record at offset " + record.offset() +
                    " of " + partition + " starts at sequence " + tick.sequence + " (sequences " + (head + 1) + ".." +
                    (tick.sequence - 1) + " are not in the topic; was it truncated by retention?)");
            }
            final long expected = tick.sequence;
            if (appender.append(tick) != expected)
            {
                return alarm("the journal did not take sequence " + expected + ": " + appender.diskFullReason());
            }
            applied++;
        }
        lastAppliedTimestampMs = record.timestamp();
        status.onApplied(applied);
        status.headSequence(appender.lastSequence());
        return true;
    }

    private boolean sameAsJournal(final Tick fromTopic)
    {
        if (null == verifier)
        {
            verifier = journal.tailer();
        }
        if (verifierNext != fromTopic.sequence)
        {
            verifier.moveToSequence(fromTopic.sequence);
        }
        if (!verifier.readNext(local))
        {
            return false;
        }
        verifierNext = local.sequence + 1;
        return local.sequence == fromTopic.sequence && local.eventTimeNs == fromTopic.eventTimeNs && local.type == fromTopic.type &&
            local.side == fromTopic.side && local.instrumentId == fromTopic.instrumentId && local.price == fromTopic.price &&
            local.size == fromTopic.size && local.askPrice == fromTopic.askPrice && local.askSize == fromTopic.askSize;
    }

    private boolean applyInstruments(final ConsumerRecord<byte[], ByteBuffer> record)
    {
        final List<Instrument> instruments;
        try
        {
            instruments = InstrumentList.parseFrom(record.value().duplicate()).getInstrumentsList();
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return alarm("the instrument catalogue at offset " + record.offset() + " of " + partition + " cannot be read: " +
                ex.getMessage());
        }
        final InstrumentCatalog merged = journal.instruments().merge(instruments);
        for (final Instrument instrument : instruments)
        {
            if (merged.bySymbol(instrument.getSymbol()).getId() != instrument.getId())
            {
                return alarm("the topic's catalogue gives " + instrument.getSymbol() + " id " + instrument.getId() +
                    " but this journal's catalogue gives it id " + merged.bySymbol(instrument.getSymbol()).getId());
            }
        }
        merged.save(journal.directory());
        return true;
    }

    private void updateLag(final long nowMs)
    {
        long lag = 0;
        try
        {
            final OptionalLong currentLag = consumer.currentLag(partition);
            lag = currentLag.orElse(0);
        }
        catch (final KafkaException ex)
        {
            status.onKafkaError(ex);
        }
        status.lag(lag, lag > 0 && lastAppliedTimestampMs > 0 ? Math.max(0, nowMs - lastAppliedTimestampMs) : 0);
    }

    private void checkpoint(final long nowMs)
    {
        position.save(nextOffset);
        lastCheckpointMs = nowMs;
    }

    private boolean alarm(final String message)
    {
        status.alarm(message);
        LOG.error("following {} stopped: {}", partition, message);
        return false;
    }

    private void stop()
    {
        stopped = true;
        checkpoint(clock.time());
    }

    @Override
    public String roleName()
    {
        return "topic-follower";
    }

    /** Saves the position and gives up the journal's writer role. */
    @Override
    public void close()
    {
        try
        {
            if (!stopped)
            {
                checkpoint(clock.time());
            }
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
        finally
        {
            if (null != verifier)
            {
                verifier.close();
            }
            appender.close();
        }
    }

    @Override
    public void onClose()
    {
        // the runner closes the agent; the owner closes the follower (after the runner has stopped)
    }
}
