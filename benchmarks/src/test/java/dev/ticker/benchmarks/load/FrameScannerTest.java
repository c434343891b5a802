package dev.ticker.benchmarks.load;

import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.Error;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.Heartbeat;
import dev.ticker.proto.v1.Quote;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Snapshot;
import dev.ticker.proto.v1.Trade;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameScannerTest
{
    private static final long RECEIVED_NS = 1_763_650_000_000_000_000L;

    private final Recorder latency = new Recorder(ClientStats.HIGHEST_LATENCY_NS, 3);
    private final ClientStats stats = new ClientStats(latency);

    @Test
    void shouldCountTicksFramesAndBytesOfDataBatches() throws IOException
    {
        final byte[] first = batch(1, 10, 0, 1, 2, 3);
        final byte[] second = batch(11, 20, 4, 5, 6);
        scan(first);
        scan(second);

        assertEquals(2, stats.frames);
        assertEquals(first.length + second.length, stats.bytes);
        assertEquals(2, stats.dataBatches);
        assertEquals(5, stats.ticks);
        assertEquals(4, stats.conflated);
        assertEquals(20, stats.covered());
        assertEquals(0, stats.gaps);
    }

    @Test
    void shouldComputeLatencyPercentilesFromEventTimes() throws IOException
    {
        // 1,000 ticks whose latencies are 1..1000 microseconds
        for (int i = 1; i <= 1_000; i++)
        {
            scan(batch(i, i, 0, i));
        }
        final Histogram histogram = latency.getIntervalHistogram();
        assertEquals(1_000, histogram.getTotalCount());
        assertEquals(500_000, histogram.getValueAtPercentile(50), 500_000 * 0.001);
        assertEquals(990_000, histogram.getValueAtPercentile(99), 990_000 * 0.001);
        assertEquals(1_000_000, histogram.getMaxValue(), 1_000_000 * 0.001);
    }

    @Test
    void shouldLeaveTicksFromMoreThanAnHourAgoOutOfTheLatencies() throws IOException
    {
        scan(batch(1, 2, 0, 10, 2 * 3_600_000_000L)); // 10 us, and two hours

        assertEquals(2, stats.ticks);
        assertEquals(1, stats.unmeasuredLatencies);
        assertEquals(1, latency.getIntervalHistogram().getTotalCount());
    }

    @Test
    void shouldCountAGapAndTheSequencesItMisses() throws IOException
    {
        scan(batch(1, 10, 0, 1));
        scan(batch(11, 20, 0, 1));
        scan(batch(25, 30, 0, 1)); // 21..24 missing

        assertEquals(1, stats.gaps);
        assertEquals(4, stats.missingSequences);
        assertEquals(30, stats.covered());
    }

    @Test
    void shouldCountAnOverlapAsABreakOfContinuity() throws IOException
    {
        scan(batch(1, 10, 0, 1));
        scan(batch(8, 12, 0, 1)); // 8..10 again

        assertEquals(1, stats.gaps);
        assertEquals(0, stats.missingSequences);
    }

    @Test
    void shouldLetAHeartbeatCoverRecordsWithNothingForTheSubscription() throws IOException
    {
        scan(batch(1, 10, 0, 1));
        scan(ServerMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
            .setServerTimeNs(RECEIVED_NS).setHeadSequence(60).setScannedSequence(40)).build().toByteArray());
        scan(batch(41, 50, 0, 1));

        assertEquals(0, stats.gaps);
        assertEquals(1, stats.heartbeats);
        assertEquals(60, stats.headSequence);
        assertEquals(50, stats.covered());
    }

    @Test
    void shouldCountErrorsByCodeAndCompleteSnapshots() throws IOException
    {
        scan(ServerMessage.newBuilder().setSnapshot(Snapshot.newBuilder().setAsOfSequence(5).setComplete(true)).build().toByteArray());
        scan(ServerMessage.newBuilder().setError(Error.newBuilder().setCode(ErrorCode.ERROR_CODE_SLOW_CONSUMER)
            .setMessage("behind").setResumeSequence(7)).build().toByteArray());

        assertEquals(1, stats.snapshotsComplete);
        assertEquals(Map.of(ErrorCode.ERROR_CODE_SLOW_CONSUMER, 1L), stats.errorsByCode());
    }

    @Test
    void shouldRefuseAFrameThatIsNotAServerMessage()
    {
        final byte[] truncated = batch(1, 10, 0, 1, 2);
        assertThrows(IOException.class,
            () -> FrameScanner.scan(truncated, truncated.length - 3, RECEIVED_NS, stats));
    }

    private void scan(final byte[] frame) throws IOException
    {
        FrameScanner.scan(frame, frame.length, RECEIVED_NS, stats);
    }

    /** A data batch with one tick per latency given (in microseconds), alternating trades and quotes. */
    private static byte[] batch(final long first, final long last, final long conflated, final long... latenciesMicros)
    {
        final DataBatch.Builder batch = DataBatch.newBuilder().setFirstSequence(first).setLastSequence(last).setConflated(conflated);
        long sequence = first;
        for (final long micros : latenciesMicros)
        {
            final long eventTimeNs = RECEIVED_NS - micros * 1_000;
            if (sequence % 2 == 0)
            {
                batch.addTicksBuilder().setTrade(Trade.newBuilder().setInstrumentId(1).setSequence(sequence)
                    .setEventTimeNs(eventTimeNs).setPrice(100).setSize(5));
            }
            else
            {
                batch.addTicksBuilder().setQuote(Quote.newBuilder().setInstrumentId(2).setSequence(sequence)
                    .setEventTimeNs(eventTimeNs).setBidPrice(99).setAskPrice(101));
            }
            sequence++;
        }
        return ServerMessage.newBuilder().setData(batch).build().toByteArray();
    }
}
