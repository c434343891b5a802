package dev.ticker.fleet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

import java.util.HashMap;
import java.util.Map;

/**
 * All settings of the fleet's Kafka side in one place: where the brokers are, the topic, the
 * writers' shared transactional id and the timings of failover. {@link #validate()} checks them
 * once, at start, and names the first bad one as {@code key=value: why}.
 *
 * <p>The producer and consumer properties it builds are the ones the fleet's guarantees rest on:
 * an idempotent, transactional producer with {@code acks=all}, and {@code read_committed}
 * consumers that never see an aborted or open transaction.
 */
public final class FleetConfiguration
{
    public static final int DEFAULT_TAKEOVER_AFTER_MS = 10_000;
    public static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 500;
    public static final int DEFAULT_TICKS_PER_RECORD = 256;
    public static final int DEFAULT_TICKS_PER_TRANSACTION = 65_536;
    public static final int DEFAULT_CHECKPOINT_INTERVAL_MS = 1_000;
    public static final int DEFAULT_TRANSACTION_TIMEOUT_MS = 60_000;

    private String bootstrapServers;
    private String topic;
    private String transactionalId;
    private int takeoverAfterMs = DEFAULT_TAKEOVER_AFTER_MS;
    private int heartbeatIntervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS;
    private int ticksPerRecord = DEFAULT_TICKS_PER_RECORD;
    private int ticksPerTransaction = DEFAULT_TICKS_PER_TRANSACTION;
    private int checkpointIntervalMs = DEFAULT_CHECKPOINT_INTERVAL_MS;
    private int transactionTimeoutMs = DEFAULT_TRANSACTION_TIMEOUT_MS;

    /** Brokers to bootstrap from, {@code HOST:PORT[,HOST:PORT...]}. */
    public FleetConfiguration bootstrapServers(final String bootstrapServers)
    {
        this.bootstrapServers = bootstrapServers;
        return this;
    }

    public String bootstrapServers()
    {
        return bootstrapServers;
    }

    /** The topic whose partition 0 carries the journal. */
    public FleetConfiguration topic(final String topic)
    {
        this.topic = topic;
        return this;
    }

    public String topic()
    {
        return topic;
    }

    /** The id every writer of the topic shares, so that a new active writer fences the old one; default: {@code ticker-writer-TOPIC}. */
    public FleetConfiguration transactionalId(final String transactionalId)
    {
        this.transactionalId = transactionalId;
        return this;
    }

    public String transactionalId()
    {
        return null == transactionalId ? "ticker-writer-" + topic : transactionalId;
    }

    /** How long a standby waits without a committed record from the active writer before it takes over. */
    public FleetConfiguration takeoverAfterMs(final int takeoverAfterMs)
    {
        this.takeoverAfterMs = takeoverAfterMs;
        return this;
    }

    public int takeoverAfterMs()
    {
        return takeoverAfterMs;
    }

    /** How often an active writer with nothing to publish commits a heartbeat record. */
    public FleetConfiguration heartbeatIntervalMs(final int heartbeatIntervalMs)
    {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        return this;
    }

    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /** Journal records packed into one Kafka record, at most. */
    public FleetConfiguration ticksPerRecord(final int ticksPerRecord)
    {
        this.ticksPerRecord = ticksPerRecord;
        return this;
    }

    public int ticksPerRecord()
    {
        return ticksPerRecord;
    }

    /** Journal records committed in one transaction, at most (a transaction takes what waits, up to this). */
    public FleetConfiguration ticksPerTransaction(final int ticksPerTransaction)
    {
        this.ticksPerTransaction = ticksPerTransaction;
        return this;
    }

    public int ticksPerTransaction()
    {
        return ticksPerTransaction;
    }

    /** How often an edge writes its topic position beside its journal. */
    public FleetConfiguration checkpointIntervalMs(final int checkpointIntervalMs)
    {
        this.checkpointIntervalMs = checkpointIntervalMs;
        return this;
    }

    public int checkpointIntervalMs()
    {
        return checkpointIntervalMs;
    }

    /** The broker aborts a writer's transaction left open this long (a dead writer's last one). */
    public FleetConfiguration transactionTimeoutMs(final int transactionTimeoutMs)
    {
        this.transactionTimeoutMs = transactionTimeoutMs;
        return this;
    }

    public int transactionTimeoutMs()
    {
        return transactionTimeoutMs;
    }

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming the first bad setting as {@code key=value: why}.
     */
    public FleetConfiguration validate()
    {
        if (null == bootstrapServers || bootstrapServers.isBlank() || !bootstrapServers.contains(":"))
        {
            throw new IllegalArgumentException("kafka=" + bootstrapServers + ": give the brokers as HOST:PORT[,HOST:PORT...]");
        }
        if (null == topic || topic.isBlank() || !topic.matches("[a-zA-Z0-9._-]{1,249}"))
        {
            throw new IllegalArgumentException("topic=" + topic + ": a Kafka topic name is 1 to 249 of a-z A-Z 0-9 . _ -");
        }
        positive("takeoverAfterMs", takeoverAfterMs);
        positive("heartbeatIntervalMs", heartbeatIntervalMs);
        positive("checkpointIntervalMs", checkpointIntervalMs);
        positive("transactionTimeoutMs", transactionTimeoutMs);
        if (ticksPerRecord < 1 || ticksPerRecord > 16_384)
        {
            throw new IllegalArgumentException("ticksPerRecord=" + ticksPerRecord + ": must be 1 to 16384 (a record of at most 1 MiB)");
        }
        if (ticksPerTransaction < ticksPerRecord)
        {
            throw new IllegalArgumentException("ticksPerTransaction=" + ticksPerTransaction + ": must be at least ticksPerRecord (" +
                ticksPerRecord + ")");
        }
        if (heartbeatIntervalMs >= takeoverAfterMs)
        {
            throw new IllegalArgumentException("heartbeatIntervalMs=" + heartbeatIntervalMs + ": must be below takeoverAfterMs (" +
                takeoverAfterMs + "), or a standby takes over from a live writer that is only idle");
        }
        return this;
    }

    /**
     * How long a client waits for a TCP connection to a broker before it tries another. A broker cut
     * off from the network does not refuse a connection, it never answers: with Kafka's default (10 s,
     * growing to 30 s) a writer settling a transaction in doubt waited 10 s on the cut-off broker in
     * its list before it asked the others. Brokers of one fleet answer a connection within milliseconds.
     */
    static final int CONNECTION_SETUP_TIMEOUT_MS = 2_000;
    /** The most the wait above grows to, for a broker that failed to connect time after time. */
    static final int CONNECTION_SETUP_TIMEOUT_MAX_MS = 10_000;

    /** The properties of the writer's producer: idempotent, transactional, every in-sync replica acknowledges. */
    Map<String, Object> producerProperties()
    {
        final Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, transactionTimeoutMs);
        // a leader cut off from the network is given up after this, not after the default 30 s
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        properties.put(ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, CONNECTION_SETUP_TIMEOUT_MS);
        properties.put(ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, CONNECTION_SETUP_TIMEOUT_MAX_MS);
        // the next transaction's first send meets CONCURRENT_TRANSACTIONS while the last one's markers are written:
        // retried after this, not after the default 100 ms growing to 1 s, which showed as end-to-end latency
        properties.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        properties.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 100);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
        // ticks compress well (sequences, times and prices change little from one to the next): LZ4 cuts what the broker
        // writes and replicates, and the edges read, for a little of the writer's CPU; without it a writer on this machine
        // could not publish 1 M ticks/s (benchmarks in docs/fleet.md)
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "ticker-writer");
        return properties;
    }

    /** The properties of a follower's consumer: committed records only, positions kept by the follower, not by Kafka. */
    Map<String, Object> consumerProperties(final String clientId)
    {
        final Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, CONNECTION_SETUP_TIMEOUT_MS);
        properties.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, CONNECTION_SETUP_TIMEOUT_MAX_MS);
        // a read_committed fetch may wait this long for a commit marker: the default 500 ms shows as end-to-end latency
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 << 20);
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return properties;
    }

    /** A follower's consumer: as {@link #consumerProperties(String)}, with values handed over as views of the fetched bytes, not copies. */
    Map<String, Object> followerConsumerProperties(final String clientId)
    {
        final Map<String, Object> properties = consumerProperties(clientId);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class);
        return properties;
    }

    private static void positive(final String key, final int value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(key + "=" + value + ": must be above 0");
        }
    }
}
