package dev.ticker.benchmarks.load;

import dev.ticker.proto.v1.ErrorCode;
import org.HdrHistogram.Recorder;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one load-test connection has received, and whether it was continuous: the client side of
 * the protocol's "nothing missing" rule (a data batch must start right after the sequence the
 * connection has been told about). Written by the one thread that delivers the connection's
 * frames; read by the reporter, for which a slightly stale view is fine.
 */
final class ClientStats
{
    /** The largest latency recorded: an hour. Older ticks (e.g. from a recorded day) have no meaningful latency. */
    static final long HIGHEST_LATENCY_NS = 3_600_000_000_000L;

    private static final long NOT_STARTED = -1;

    private final Recorder latency;
    private final StallTracker stall;
    private final SilenceTracker silence;
    private long covered = NOT_STARTED;
    long frames;
    long bytes;
    long dataBatches;
    long ticks;
    long conflated;
    long heartbeats;
    long headSequence;
    long gaps;
    long missingSequences;
    long negativeLatencies;
    long unmeasuredLatencies;
    long snapshotsComplete;
    long errors;
    private final Map<ErrorCode, Long> errorsByCode = new EnumMap<>(ErrorCode.class);

    /**
     * @param latency shared by all connections; takes nanoseconds from journal event time to receipt,
     *                up to {@link #HIGHEST_LATENCY_NS}.
     */
    ClientStats(final Recorder latency)
    {
        this(latency, new MeasuredWindow());
    }

    private ClientStats(final Recorder latency, final MeasuredWindow window)
    {
        this(latency, new StallTracker(window), new SilenceTracker(window));
    }

    /**
     * @param stall   this connection's own stall tracker.
     * @param silence shared by all connections: the longest time none of them received data.
     */
    ClientStats(final Recorder latency, final StallTracker stall, final SilenceTracker silence)
    {
        this.latency = latency;
        this.stall = stall;
        this.silence = silence;
    }

    void onFrame(final int length)
    {
        frames++;
        bytes += length;
    }

    void onLatency(final long nanos)
    {
        if (nanos < 0)
        {
            // the producer's clock is ahead of ours: count it and record zero rather than drop it
            negativeLatencies++;
            latency.recordValue(0);
        }
        else if (nanos > HIGHEST_LATENCY_NS)
        {
            unmeasuredLatencies++;
        }
        else
        {
            latency.recordValue(nanos);
        }
    }

    void onDataBatch(final long firstSequence, final long lastSequence, final int tickCount, final long conflatedCount, final long receiveNs)
    {
        dataBatches++;
        if (tickCount > 0)
        {
            stall.onData(receiveNs);
            silence.onData(receiveNs);
        }
        ticks += tickCount;
        conflated += conflatedCount;
        if (covered != NOT_STARTED && firstSequence != covered + 1)
        {
            gaps++;
            if (firstSequence > covered + 1)
            {
                missingSequences += firstSequence - covered - 1;
            }
        }
        covered = Math.max(covered, lastSequence);
    }

    void onHeartbeat(final long head, final long scanned)
    {
        heartbeats++;
        headSequence = Math.max(headSequence, head);
        if (scanned > covered)
        {
            covered = scanned;
        }
    }

    void onSnapshotComplete()
    {
        snapshotsComplete++;
    }

    void onError(final ErrorCode code)
    {
        errors++;
        errorsByCode.merge(code, 1L, Long::sum);
    }

    /** The last sequence the connection has been told about, -1 before the first batch or heartbeat. */
    long covered()
    {
        return covered;
    }

    StallTracker stall()
    {
        return stall;
    }

    Map<ErrorCode, Long> errorsByCode()
    {
        return errorsByCode;
    }
}
