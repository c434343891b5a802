package dev.ticker.server.stream;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.server.bars.BarStore;
import dev.ticker.server.session.Session;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stream agent's per-tick send path for many sessions: the instrument book, the bars, and for
 * every session the tick offered into its batch (or its conflation buffer) and its bars marked;
 * each session's frame is prepared and handed over every {@code FLUSH_EVERY} ticks, as a flush
 * window would. The socket write itself is left out (the frame's completion is signalled at once).
 * Run with {@code -prof gc}: it must allocate nothing per tick. The {@code mode} picks what the
 * sessions asked for: every tick, every tick with 1s/1m bars, or 4 updates per second (conflated).
 * In the package of the server, whose agent-side classes are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FanOutBenchmark
{
    private static final int INSTRUMENTS = 20;
    private static final int FLUSH_EVERY = 256;
    private static final int HARD_LIMIT = 4 * 1024 * 1024;
    private static final int SOFT_LIMIT = HARD_LIMIT / 4;
    /**
     * A ring's first size: no ring grows while measuring (growth is once per ring, towards the
     * limit, not per tick), so the figure shows only the per-tick path.
     */
    private static final int BAR_HISTORY = 16;
    private static final int WARM_UP_TICKS = 100_000;

    @Param({"1", "100"})
    public int sessions;

    @Param({"every-tick", "with-bars", "rate-limited"})
    public String mode;

    private final List<Session> list = new ArrayList<>();
    private final InstrumentBook book = new InstrumentBook();
    private BarStore bars;
    private final Tick tick = new Tick();
    private final EncodedTick encoded = new EncodedTick();
    private long sequence;
    private long timeNs = 1_763_650_000_000_000_000L;
    private long nowNs;

    @Setup(Level.Trial)
    public void setUp()
    {
        final List<Instrument> instruments = new ArrayList<>();
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            instruments.add(Instrument.newBuilder().setSymbol("S" + i).setTimeZone("America/New_York").build());
        }
        bars = new BarStore(BAR_HISTORY);
        bars.onCatalog(InstrumentCatalog.empty().merge(instruments));
        final int rate = "rate-limited".equals(mode) ? 4 : 0;
        final int barMask = "with-bars".equals(mode) ? 0b101 : 0;
        for (int s = 0; s < sessions; s++)
        {
            final Session session = new Session(s, "benchmark", HARD_LIMIT);
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                session.subscribe(i, rate, barMask);
            }
            list.add(session);
        }
        // warm every buffer and bar ring up to its working size
        for (int i = 0; i < WARM_UP_TICKS; i++)
        {
            fanOut();
        }
    }

    /** One tick to every session; the score is ticks per second (multiply by sessions for deliveries). */
    @Benchmark
    public int fanOut()
    {
        sequence++;
        timeNs += 1_000_000;
        final int instrument = (int)(sequence % INSTRUMENTS);
        if ((sequence & 1) == 0)
        {
            tick.trade(timeNs, instrument, 10_000 + (sequence & 63), 100, TickDescriptor.SIDE_BUY);
        }
        else
        {
            tick.quote(timeNs, instrument, 9_999, 300, 10_001, 200);
        }
        tick.sequence = sequence;
        book.onTick(tick);
        final boolean trade = tick.isTrade();
        if (trade)
        {
            bars.onTrade(tick);
        }
        int offered = 0;
        encoded.encode(tick);
        final List<Session> list = this.list;
        for (int i = 0, n = list.size(); i < n; i++)
        {
            final Session session = list.get(i);
            if (session.wants(instrument) && session.offer(tick, encoded, SOFT_LIMIT, HARD_LIMIT) != Session.OVER_BUDGET)
            {
                offered++;
                if (trade)
                {
                    session.onBarsChanged(instrument, bars);
                }
            }
        }
        if (sequence % FLUSH_EVERY == 0)
        {
            nowNs += 10_000_000;
            for (int i = 0, n = list.size(); i < n; i++)
            {
                final Session session = list.get(i);
                if (session.prepareFrame(bars, nowNs) > 0)
                {
                    // the frame as the socket would take it; the socket itself is left out
                    offered += session.frame(sequence).remaining() > 0 ? 1 : 0;
                    session.onFrameTaken(sequence);
                }
            }
        }
        return offered;
    }
}
