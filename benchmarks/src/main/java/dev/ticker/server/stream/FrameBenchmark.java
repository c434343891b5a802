package dev.ticker.server.stream;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.Quote;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Side;
import dev.ticker.proto.v1.Trade;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Building a data-batch frame from journal records: the server's in-place wire-format encoder
 * against the baseline of building the same message with the generated Protobuf builders. Scores
 * are ticks per second; with {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameBenchmark
{
    /** Ticks per frame: a busy 10 ms flush window. */
    public static final int TICKS_PER_FRAME = 256;

    private final Tick[] ticks = new Tick[TICKS_PER_FRAME];
    private BatchEncoder encoder;

    @Setup
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < TICKS_PER_FRAME; i++)
        {
            final Tick tick = new Tick();
            tick.sequence = 1_000_000 + i;
            final long price = 1_000_000 + random.nextInt(10_000);
            if (i % 3 == 0)
            {
                tick.trade(1_763_650_000_000_000_000L + i * 1_000L, random.nextInt(100), price, 100 * (1 + random.nextInt(20)),
                    random.nextBoolean() ? TickDescriptor.SIDE_BUY : TickDescriptor.SIDE_SELL);
            }
            else
            {
                tick.quote(1_763_650_000_000_000_000L + i * 1_000L, random.nextInt(100), price, 100 * (1 + random.nextInt(50)),
                    price + 100, 100 * (1 + random.nextInt(50)));
            }
            ticks[i] = tick;
        }
        encoder = new BatchEncoder(64 * 1024, 1 << 20);
    }

    /** The server's path: each tick written once into a reused buffer, the frame a view of it. */
    @Benchmark
    @OperationsPerInvocation(TICKS_PER_FRAME)
    public ByteBuffer encoder()
    {
        encoder.reset();
        for (final Tick tick : ticks)
        {
            encoder.add(tick);
        }
        return encoder.frame(ticks[0].sequence, ticks[TICKS_PER_FRAME - 1].sequence);
    }

    /** Baseline: the same frame from the generated builders, a message object per tick. */
    @Benchmark
    @OperationsPerInvocation(TICKS_PER_FRAME)
    public byte[] generatedBuilders()
    {
        final DataBatch.Builder batch = DataBatch.newBuilder()
            .setFirstSequence(ticks[0].sequence)
            .setLastSequence(ticks[TICKS_PER_FRAME - 1].sequence);
        for (final Tick tick : ticks)
        {
            if (tick.isTrade())
            {
                batch.addTicksBuilder().setTrade(Trade.newBuilder().setInstrumentId(tick.instrumentId)
                    .setSequence(tick.sequence).setEventTimeNs(tick.eventTimeNs).setPrice(tick.price)
                    .setSize(tick.size).setAggressor(Side.forNumber(tick.side)));
            }
            else
            {
                batch.addTicksBuilder().setQuote(Quote.newBuilder().setInstrumentId(tick.instrumentId)
                    .setSequence(tick.sequence).setEventTimeNs(tick.eventTimeNs).setBidPrice(tick.price)
                    .setBidSize(tick.size).setAskPrice(tick.askPrice).setAskSize(tick.askSize));
            }
        }
        return ServerMessage.newBuilder().setData(batch).build().toByteArray();
    }
}
