package dev.ticker.benchmarks.load;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.Quote;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Trade;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Decoding a data-batch frame on the client side: the load generator's scanner, which reads the
 * sequence range and each tick's event time straight from the wire format, against the baseline of
 * parsing the frame into generated message objects. Scores are ticks per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientDecodeBenchmark
{
    public static final int TICKS_PER_FRAME = 256;
    private static final long EVENT_TIME_NS = 1_763_650_000_000_000_000L;

    private byte[] frame;
    private ClientStats stats;

    @Setup
    public void setUp()
    {
        final DataBatch.Builder batch = DataBatch.newBuilder().setFirstSequence(1).setLastSequence(TICKS_PER_FRAME);
        for (int i = 0; i < TICKS_PER_FRAME; i++)
        {
            if (i % 3 == 0)
            {
                batch.addTicksBuilder().setTrade(Trade.newBuilder().setInstrumentId(i % 100).setSequence(i + 1)
                    .setEventTimeNs(EVENT_TIME_NS + i).setPrice(1_000_000 + i).setSize(300));
            }
            else
            {
                batch.addTicksBuilder().setQuote(Quote.newBuilder().setInstrumentId(i % 100).setSequence(i + 1)
                    .setEventTimeNs(EVENT_TIME_NS + i).setBidPrice(999_900 + i).setBidSize(500).setAskPrice(1_000_100 + i).setAskSize(700));
            }
        }
        frame = ServerMessage.newBuilder().setData(batch).build().toByteArray();
        stats = new ClientStats(new Recorder(ClientStats.HIGHEST_LATENCY_NS, 3));
    }

    /** The load generator's path: no message objects. */
    @Benchmark
    @OperationsPerInvocation(TICKS_PER_FRAME)
    public long scanner() throws IOException
    {
        FrameScanner.scan(frame, frame.length, EVENT_TIME_NS + 1_000_000, stats);
        return stats.ticks;
    }

    /** Baseline: the generated parser, a message object per tick. */
    @Benchmark
    @OperationsPerInvocation(TICKS_PER_FRAME)
    public int generatedParser() throws InvalidProtocolBufferException
    {
        return ServerMessage.parseFrom(frame).getData().getTicksCount();
    }
}
