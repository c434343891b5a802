package dev.ticker.server;

import dev.ticker.proto.v1.ErrorCode;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private volatile long resumeRequests;
    private volatile long resumeTicksReplayed;
    private volatile long resumingSessions;
    private volatile long replays;
    private volatile long replayTicksOut;
    private volatile long conflatedTicks;
    private volatile long conflatingSessions;
    private volatile long barsOut;
    private volatile long idleCloses;
    private volatile long warmUpRecords;
    private volatile boolean warmingUp = true;
    private final CountDownLatch warmedUp = new CountDownLatch(1);
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

    void onResumeRequest()
    {
        resumeRequests++;
    }

    void replays(final long count)
    {
        replays = count;
    }

    void onReplayTicksOut(final long count)
    {
        replayTicksOut += count;
    }

    /** Replays running now. */
    public long replays()
    {
        return replays;
    }

    /** Ticks sent in replay frames. */
    public long replayTicksOut()
    {
        return replayTicksOut;
    }

    void onTicksReplayed(final long count)
    {
        resumeTicksReplayed += count;
    }

    void resumingSessions(final int count)
    {
        resumingSessions = count;
    }

    void onConflated(final long count)
    {
        conflatedTicks += count;
    }

    void conflatingSessions(final int count)
    {
        conflatingSessions = count;
    }

    void onBarsOut(final int count)
    {
        barsOut += count;
    }

    void onIdleClose()
    {
        idleCloses++;
    }

    void onWarmUp(final int records, final boolean stillWarmingUp)
    {
        warmUpRecords += records;
        warmingUp = stillWarmingUp;
        if (!stillWarmingUp)
        {
            warmedUp.countDown();
        }
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

    /** Resume requests received (served or answered with RESUME_UNAVAILABLE). */
    public long resumeRequests()
    {
        return resumeRequests;
    }

    /** Ticks read from the journal and sent (or conflated) to connections catching up after a resume. */
    public long resumeTicksReplayed()
    {
        return resumeTicksReplayed;
    }

    /** Connections now catching up from the journal after a resume. */
    public long resumingSessions()
    {
        return resumingSessions;
    }

    /** Ticks replaced by a later one for a slow or rate-limited connection and not sent. */
    public long conflatedTicks()
    {
        return conflatedTicks;
    }

    /** Connections that are behind now: they get only the latest values until their next frame. */
    public long conflatingSessions()
    {
        return conflatingSessions;
    }

    /** Bar updates sent in data frames. */
    public long barsOut()
    {
        return barsOut;
    }

    /** Connections closed for subscribing to nothing for longer than the idle timeout. */
    public long idleCloses()
    {
        return idleCloses;
    }

    /** Journal records read at start to rebuild bars, day statistics and the last values. */
    public long warmUpRecords()
    {
        return warmUpRecords;
    }

    /** Whether the server is still reading the journal's recent past at start. */
    public boolean warmingUp()
    {
        return warmingUp;
    }

    /**
     * Waits until the warm-up is over, when snapshots and the bar history are complete.
     *
     * @return false when it is not over within the timeout.
     */
    public boolean awaitWarmUp(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return warmedUp.await(timeout, unit);
    }

    public long errors(final ErrorCode code)
    {
        return errors.get(code.getNumber());
    }

    // Subscriptions: the stream agent reports the total at each heartbeat; /metrics reads it.

    private volatile long subscriptions;

    void subscriptions(final long count)
    {
        subscriptions = count;
    }

    /** Instrument subscriptions over all sessions; a session subscribed to everything counts each instrument. */
    public long subscriptions()
    {
        return subscriptions;
    }
}
