package dev.ticker.server.metrics;

import dev.ticker.proto.v1.ErrorCode;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the server has done, for /health and operators. Each fan-out thread writes its own part (a
 * single writer, so plain volatile stores suffice) and the IO threads the error counts (atomics);
 * anyone reads the whole, which sums the parts' counts and takes the most conservative of their
 * positions (the lowest scanned sequence, the oldest duty cycle).
 */
public final class ServerCounters
{
    private final ServerCounters[] parts;
    private volatile long scannedSequence;
    private volatile long headSequence;
    private volatile long lastDutyCycleEpochNs;
    private volatile long ticksIn;
    private volatile long ticksOut;
    private volatile long framesOut;
    private volatile long bytesOut;
    private volatile long ticksEncoded;
    private volatile long journalDamage;
    private volatile long framesBuilt;
    private volatile long sessions;
    private volatile long slowConsumerCloses;
    private volatile long journalGaps;
    private volatile long resumeRequests;
    private volatile long deferredRefused;
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
    private final CountDownLatch warmedUp;
    private final AtomicLongArray errors;

    /** The whole, for a server with one fan-out thread. */
    public ServerCounters()
    {
        this(1);
    }

    /** The whole, with one part per fan-out thread. */
    public ServerCounters(final int partCount)
    {
        this.parts = new ServerCounters[partCount];
        this.warmedUp = new CountDownLatch(partCount);
        this.errors = new AtomicLongArray(ErrorCode.values().length);
        for (int i = 0; i < partCount; i++)
        {
            // with one fan-out thread the whole is its own part
            parts[i] = partCount == 1 ? this : new ServerCounters(this);
        }
    }

    private ServerCounters(final ServerCounters whole)
    {
        this.parts = null;
        this.warmedUp = whole.warmedUp;
        this.errors = whole.errors;
    }

    /** The part the fan-out thread {@code index} writes. */
    public ServerCounters part(final int index)
    {
        return parts[index];
    }

    private long sum(final java.util.function.ToLongFunction<ServerCounters> field)
    {
        long sum = 0;
        for (final ServerCounters part : parts)
        {
            sum += field.applyAsLong(part);
        }
        return sum;
    }

    private long min(final java.util.function.ToLongFunction<ServerCounters> field)
    {
        long min = Long.MAX_VALUE;
        for (final ServerCounters part : parts)
        {
            min = Math.min(min, field.applyAsLong(part));
        }
        return min;
    }

    private long max(final java.util.function.ToLongFunction<ServerCounters> field)
    {
        long max = Long.MIN_VALUE;
        for (final ServerCounters part : parts)
        {
            max = Math.max(max, field.applyAsLong(part));
        }
        return max;
    }

    public void scannedSequence(final long sequence)
    {
        scannedSequence = sequence;
    }

    public void headSequence(final long sequence)
    {
        headSequence = sequence;
    }

    public void dutyCycle(final long epochNs)
    {
        lastDutyCycleEpochNs = epochNs;
    }

    public void onTicksIn(final int count)
    {
        ticksIn += count;
    }

    public void onFrameOut(final int ticks, final int bytes)
    {
        ticksOut += ticks;
        framesOut++;
        bytesOut += bytes;
    }

    public void onTicksEncoded(final long count)
    {
        ticksEncoded += count;
    }

    public void onJournalDamage()
    {
        journalDamage++;
    }

    /** Damaged regions of the journal the fan-out threads stepped over (each thread reads every record). */
    public long journalDamage()
    {
        return null == parts ? journalDamage : max(c -> c.journalDamage);
    }

    public void onFrameBuilt()
    {
        framesBuilt++;
    }

    /** Ticks encoded to wire bytes: once per fan-out thread for each tick that some session of it wants. */
    public long ticksEncoded()
    {
        return null == parts ? ticksEncoded : sum(c -> c.ticksEncoded);
    }

    /** Data frames built; one built frame goes to every session that shares it, so fewer than {@link #framesOut()}. */
    public long framesBuilt()
    {
        return null == parts ? framesBuilt : sum(c -> c.framesBuilt);
    }

    public void sessions(final int count)
    {
        sessions = count;
    }

    public void onSlowConsumerClose()
    {
        slowConsumerCloses++;
    }

    public void onJournalGap()
    {
        journalGaps++;
    }

    public void onResumeRequest()
    {
        resumeRequests++;
    }

    public void onDeferredRefused()
    {
        deferredRefused++;
    }

    public void replays(final long count)
    {
        replays = count;
    }

    public void onReplayTicksOut(final long count)
    {
        replayTicksOut += count;
    }

    /** Replays running now. */
    public long replays()
    {
        return null == parts ? replays : sum(c -> c.replays);
    }

    /** Ticks sent in replay frames. */
    public long replayTicksOut()
    {
        return null == parts ? replayTicksOut : sum(c -> c.replayTicksOut);
    }

    public void onTicksReplayed(final long count)
    {
        resumeTicksReplayed += count;
    }

    public void resumingSessions(final int count)
    {
        resumingSessions = count;
    }

    public void onConflated(final long count)
    {
        conflatedTicks += count;
    }

    public void conflatingSessions(final int count)
    {
        conflatingSessions = count;
    }

    public void onBarsOut(final int count)
    {
        barsOut += count;
    }

    public void onIdleClose()
    {
        idleCloses++;
    }

    public void onWarmUp(final int records, final boolean stillWarmingUp)
    {
        warmUpRecords += records;
        if (warmingUp && !stillWarmingUp)
        {
            warmedUp.countDown();
        }
        warmingUp = stillWarmingUp;
    }

    public void onError(final ErrorCode code)
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
        return null == parts ? scannedSequence : min(c -> c.scannedSequence);
    }

    /** The journal head: the newest record seen by a heartbeat round or read, whichever is later. */
    public long headSequence()
    {
        return null == parts ? headSequence : max(c -> c.headSequence);
    }

    public long lastDutyCycleEpochNs()
    {
        return null == parts ? lastDutyCycleEpochNs : min(c -> c.lastDutyCycleEpochNs);
    }

    public long ticksIn()
    {
        return null == parts ? ticksIn : max(c -> c.ticksIn);
    }

    public long ticksOut()
    {
        return null == parts ? ticksOut : sum(c -> c.ticksOut);
    }

    public long framesOut()
    {
        return null == parts ? framesOut : sum(c -> c.framesOut);
    }

    public long bytesOut()
    {
        return null == parts ? bytesOut : sum(c -> c.bytesOut);
    }

    public long sessions()
    {
        return null == parts ? sessions : sum(c -> c.sessions);
    }

    public long slowConsumerCloses()
    {
        return null == parts ? slowConsumerCloses : sum(c -> c.slowConsumerCloses);
    }

    /** Records read whose sequence did not follow the previous one; never non-zero in a sound journal. */
    public long journalGaps()
    {
        return null == parts ? journalGaps : max(c -> c.journalGaps);
    }

    /** Requests refused with RATE_LIMITED because too many (or too large) already waited on their connection. */
    public long deferredRefused()
    {
        return null == parts ? deferredRefused : sum(c -> c.deferredRefused);
    }

    /** Resume requests received (served or answered with RESUME_UNAVAILABLE). */
    public long resumeRequests()
    {
        return null == parts ? resumeRequests : sum(c -> c.resumeRequests);
    }

    /** Ticks read from the journal and sent (or conflated) to connections catching up after a resume. */
    public long resumeTicksReplayed()
    {
        return null == parts ? resumeTicksReplayed : sum(c -> c.resumeTicksReplayed);
    }

    /** Connections now catching up from the journal after a resume. */
    public long resumingSessions()
    {
        return null == parts ? resumingSessions : sum(c -> c.resumingSessions);
    }

    /** Ticks replaced by a later one for a slow or rate-limited connection and not sent. */
    public long conflatedTicks()
    {
        return null == parts ? conflatedTicks : sum(c -> c.conflatedTicks);
    }

    /** Connections that are behind now: they get only the latest values until their next frame. */
    public long conflatingSessions()
    {
        return null == parts ? conflatingSessions : sum(c -> c.conflatingSessions);
    }

    /** Bar updates sent in data frames. */
    public long barsOut()
    {
        return null == parts ? barsOut : sum(c -> c.barsOut);
    }

    /** Connections closed for subscribing to nothing for longer than the idle timeout. */
    public long idleCloses()
    {
        return null == parts ? idleCloses : sum(c -> c.idleCloses);
    }

    /** Journal records read at start to rebuild bars, day statistics and the last values. */
    public long warmUpRecords()
    {
        return null == parts ? warmUpRecords : max(c -> c.warmUpRecords);
    }

    /** Whether the server is still reading the journal's recent past at start. */
    public boolean warmingUp()
    {
        return null == parts ? warmingUp : max(c -> c.warmingUp ? 1 : 0) == 1;
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

    public void subscriptions(final long count)
    {
        subscriptions = count;
    }

    /** Instrument subscriptions over all sessions; a session subscribed to everything counts each instrument. */
    public long subscriptions()
    {
        return null == parts ? subscriptions : sum(c -> c.subscriptions);
    }
}
