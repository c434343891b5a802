package dev.ticker.benchmarks;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickJournal;
import dev.ticker.simulator.InstrumentFile;
import dev.ticker.simulator.MarketModel;
import dev.ticker.simulator.Pace;
import dev.ticker.simulator.SessionSchedule;
import dev.ticker.simulator.SimulatedInstrument;
import dev.ticker.simulator.SimulatorAgent;
import dev.ticker.simulator.SimulatorConfiguration;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The simulator's hot paths on the built-in universe and a real journal in a temp folder, with
 * the model alone as the in-run baseline. Scores are ticks per second. Run with {@code -prof gc}:
 * the live writer's duty cycle must allocate nothing per tick.
 *
 * <ul>
 *   <li>{@code model}: the market model alone, historical sessions.</li>
 *   <li>{@code generate}: the model and the journal append on one thread, as historical generation
 *       does them.</li>
 *   <li>{@code liveWriterEven} / {@code liveWriterModelPaced}: the live feed's duty cycle, driven by
 *       hand-set clocks advancing one millisecond per call at a million ticks per second (about a
 *       thousand ticks per call).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimulatorBenchmark
{
    private static final int BATCH = 1_000;
    private static final int LIVE_RATE = 1_000_000;
    private static final long LIVE_STEP_NS = 1_000_000;
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 2);
    private static final int DAYS = 250;

    private final List<SimulatedInstrument> universe = InstrumentFile.defaults();
    private final Tick tick = new Tick();
    private Path directory;
    private TickJournal journal;
    private TickAppender appender;
    private MarketModel model;
    private MarketModel generatorModel;
    private SimulatorAgent evenAgent;
    private SimulatorAgent modelAgent;
    private final ManualClock clock = new ManualClock();

    /** A clock the benchmark moves: both the epoch and the monotonic time of the live feed. */
    static final class ManualClock implements EpochNanoClock, NanoClock
    {
        long nowNs = 1_795_185_000_000_000_000L;

        @Override
        public long nanoTime()
        {
            return nowNs;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("ticker-simulator-bench");
        journal = TickJournal.open(directory);
        appender = journal.appender();
        model = newHistoricalModel();
        generatorModel = newHistoricalModel();
        evenAgent = new SimulatorAgent(new SimulatorConfiguration().rate(LIVE_RATE).pace(Pace.EVEN).maxBatch(2 * BATCH),
            universe, appender, clock, clock);
        evenAgent.onStart();
        modelAgent = new SimulatorAgent(new SimulatorConfiguration().rate(LIVE_RATE).pace(Pace.MODEL).maxBatch(100 * BATCH),
            universe, appender, clock, clock);
        modelAgent.onStart();
    }

    private MarketModel newHistoricalModel()
    {
        return new MarketModel(universe, SessionSchedule.historical(universe, FIRST_DAY, DAYS), 42, 0.1);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        appender.close();
        journal.close();
        try (Stream<Path> files = Files.walk(directory))
        {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The market model alone: the baseline of {@link #generate()}. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long model()
    {
        long sum = 0;
        for (int i = 0; i < BATCH; i++)
        {
            if (!model.next(tick))
            {
                model = newHistoricalModel();
            }
            sum += tick.price;
        }
        return sum;
    }

    /** The model's ticks appended to the journal, on one thread. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long generate()
    {
        for (int i = 0; i < BATCH; i++)
        {
            if (!generatorModel.next(tick))
            {
                generatorModel = newHistoricalModel();
            }
            appender.append(tick);
        }
        return appender.lastSequence();
    }

    /** One duty cycle of the live feed at an even pace: exactly a thousand ticks into the journal. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int liveWriterEven()
    {
        clock.nowNs += LIVE_STEP_NS;
        return evenAgent.doWork();
    }

    /**
     * One duty cycle of the live feed at the model's pace: about a thousand ticks, as the model's
     * event times fall. The score is duty cycles per second; {@code ticks} counts the ticks written,
     * and the allocation per operation is per duty cycle.
     */
    @Benchmark
    public int liveWriterModelPaced(final WrittenTicks written)
    {
        clock.nowNs += LIVE_STEP_NS;
        final int ticks = modelAgent.doWork();
        written.ticks += ticks;
        return ticks;
    }

    /** Ticks written by the model-paced live feed, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class WrittenTicks
    {
        public long ticks;

        @Setup(Level.Iteration)
        public void reset()
        {
            ticks = 0;
        }
    }
}
