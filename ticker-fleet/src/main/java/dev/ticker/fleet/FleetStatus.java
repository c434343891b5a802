package dev.ticker.fleet;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a fleet member shows an operator: its role, how far it is behind the topic, what it skipped
 * and the Kafka errors it met. One thread (the follower's or the writer's) writes it; the HTTP
 * threads of {@code /health} and {@code /metrics} read it at any time.
 */
public final class FleetStatus
{
    /** The role of a fleet member. */
    public enum Role
    {
        /** An edge: follows the topic and serves clients. */
        EDGE,
        /** A writer waiting to take over: follows the topic into its own journal. */
        STANDBY,
        /** The writer publishing to the topic. */
        ACTIVE,
        /** A writer another one fenced: it stopped publishing for good. */
        FENCED
    }

    private volatile Role role;
    private volatile long headSequence;
    private volatile long lagRecords;
    private volatile long lagMs;
    private volatile long lastRecordAtMs;
    private volatile long publishedSequence;
    private volatile String alarm = "";
    private volatile String lastKafkaError = "";
    private final AtomicLong appliedRecords = new AtomicLong();
    private final AtomicLong duplicatesSkipped = new AtomicLong();
    private final AtomicLong kafkaErrors = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong takeovers = new AtomicLong();

    public FleetStatus(final Role role)
    {
        this.role = role;
    }

    public Role role()
    {
        return role;
    }

    void role(final Role role)
    {
        this.role = role;
    }

    /** The sequence of the newest record in this member's journal. */
    public long headSequence()
    {
        return headSequence;
    }

    void headSequence(final long headSequence)
    {
        this.headSequence = headSequence;
    }

    /** Committed records of the topic not yet in this member's journal (Kafka records, each of one or more ticks). */
    public long lagRecords()
    {
        return lagRecords;
    }

    /** How long ago the writer sent the newest record applied, while more wait; 0 when caught up. */
    public long lagMs()
    {
        return lagMs;
    }

    void lag(final long records, final long ms)
    {
        this.lagRecords = records;
        this.lagMs = ms;
    }

    /** When (epoch ms, local clock) the last committed record of any type arrived; 0 before any. */
    public long lastRecordAtMs()
    {
        return lastRecordAtMs;
    }

    void onRecord(final long nowMs)
    {
        lastRecordAtMs = nowMs;
    }

    /** The last sequence an active writer committed to the topic. */
    public long publishedSequence()
    {
        return publishedSequence;
    }

    void onCommitted(final long sequence)
    {
        publishedSequence = sequence;
        transactions.incrementAndGet();
    }

    /** Why following stopped (a gap, a damaged record, a journal that differs from the topic); empty while all is well. */
    public String alarm()
    {
        return alarm;
    }

    void alarm(final String alarm)
    {
        this.alarm = alarm;
    }

    public long appliedRecords()
    {
        return appliedRecords.get();
    }

    void onApplied(final long count)
    {
        appliedRecords.addAndGet(count);
    }

    /** Ticks of the topic at or below the journal's head, skipped (each checked equal to the journal's). */
    public long duplicatesSkipped()
    {
        return duplicatesSkipped.get();
    }

    void onDuplicate()
    {
        duplicatesSkipped.incrementAndGet();
    }

    public long kafkaErrors()
    {
        return kafkaErrors.get();
    }

    public String lastKafkaError()
    {
        return lastKafkaError;
    }

    void onKafkaError(final Exception ex)
    {
        kafkaErrors.incrementAndGet();
        lastKafkaError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }

    public long transactions()
    {
        return transactions.get();
    }

    public long takeovers()
    {
        return takeovers.get();
    }

    void onTakeover()
    {
        takeovers.incrementAndGet();
    }
}
