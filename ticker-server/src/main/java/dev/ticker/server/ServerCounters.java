package dev.ticker.server;

import dev.ticker.proto.v1.ErrorCode;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the server has done, for /health and operators: written by the stream agent (a single
 * writer, so plain volatile stores suffice) and the IO threads (atomics), read by anyone.
 */
public final class ServerCounters
{
    private volatile long scannedSequence;
    private volatile long headSequence;
    private volatile long lastDutyCycleEpochNs;
    private volatile long ticksIn;
    private volatile long ticksOut;
    private volatile long framesOut;
    private volatile long bytesOut;
    private volatile long sessions;
    private volatile long slowConsumerCloses;
    private volatile long journalGaps;
    private final AtomicLongArray errors = new AtomicLongArray(ErrorCode.values().length);

    void scannedSequence(final long sequence)
    {
        scannedSequence = sequence;
    }

    void headSequence(final long sequence)
    {
        headSequence = sequence;
    }

    void dutyCycle(final long epochNs)
    {
        lastDutyCycleEpochNs = epochNs;
    }

    void onTicksIn(final int count)
    {
        ticksIn += count;
    }

    void onFrameOut(final int ticks, final int bytes)
    {
        ticksOut += ticks;
        framesOut++;
        bytesOut += bytes;
    }

    void sessions(final int count)
    {
        sessions = count;
    }

    void onSlowConsumerClose()
    {
        slowConsumerCloses++;
    }

    void onJournalGap()
    {
        journalGaps++;
    }

    void onError(final ErrorCode code)
    {
        final int index = code.getNumber();
        if (index >= 0 && index < errors.length())
        {
            errors.incrementAndGet(index);
        }
    }

    /** The last journal sequence the stream agent has read. */
    public long scannedSequence()
    {
        return scannedSequence;
    }

    /** The journal head: the newest record seen by a heartbeat round or read, whichever is later. */
    public long headSequence()
    {
        return headSequence;
    }

    public long lastDutyCycleEpochNs()
    {
        return lastDutyCycleEpochNs;
    }

    public long ticksIn()
    {
        return ticksIn;
    }

    public long ticksOut()
    {
        return ticksOut;
    }

    public long framesOut()
    {
        return framesOut;
    }

    public long bytesOut()
    {
        return bytesOut;
    }

    public long sessions()
    {
        return sessions;
    }

    public long slowConsumerCloses()
    {
        return slowConsumerCloses;
    }

    /** Records read whose sequence did not follow the previous one; never non-zero in a sound journal. */
    public long journalGaps()
    {
        return journalGaps;
    }

    public long errors(final ErrorCode code)
    {
        return errors.get(code.getNumber());
    }

    // Resume, conflation and subscription figures: the stream agent reports them through these
    // writers (single writer, like the ones above); /metrics reads them.

    private volatile long resumeRequests;
    private volatile long ticksReplayed;
    private volatile long conflatedUpdates;
    private volatile long subscriptions;

    void onResumeRequest()
    {
        resumeRequests++;
    }

    void onTicksReplayed(final int count)
    {
        ticksReplayed += count;
    }

    void onConflated(final long count)
    {
        conflatedUpdates += count;
    }

    void subscriptions(final long count)
    {
        subscriptions = count;
    }

    /** Resume requests received. */
    public long resumeRequests()
    {
        return resumeRequests;
    }

    /** Ticks sent from the journal to resuming clients, before they rejoined the live stream. */
    public long ticksReplayed()
    {
        return ticksReplayed;
    }

    /** Ticks merged away by conflation (slow sessions and rate-limited subscriptions). */
    public long conflatedUpdates()
    {
        return conflatedUpdates;
    }

    /** Instrument subscriptions over all sessions; a session subscribed to everything counts each instrument. */
    public long subscriptions()
    {
        return subscriptions;
    }
}
