package dev.ticker.benchmarks;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Seeking a replay to a random time: {@link TickTailer#moveToTime} and the first read after it, in
 * a journal of {@code journalTicks} records over {@code days} days (one roll cycle per day). The
 * journal is written once per trial with the appender, as fast as it goes; the targets are 4096
 * random times over the whole span, taken in turn. The score is the average time of a seek.
 *
 * <p>{@code pinCycles=true} keeps one extra reader standing in every day file, so that Chronicle
 * keeps every file mapped; without it, a seek that moves the tailer to another day can find that
 * day's file unmapped (no reader held it) and pays for mapping it again. The difference is the
 * cost of that re-mapping.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TimeSeekBenchmark
{
    private static final int TARGETS = 4096;
    private static final long DAY_NS = 86_400_000_000_000L;

    @Param({"50000000"})
    long journalTicks;

    @Param({"5"})
    int days;

    @Param({"false", "true"})
    boolean pinCycles;

    private Path directory;
    private TickJournal journal;
    private TickTailer tailer;
    private final List<TickTailer> pins = new ArrayList<>();
    private final Tick tick = new Tick();
    private final long[] targetsNs = new long[TARGETS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("ticker-seek-bench");
        journal = TickJournal.open(directory);
        final long spacingNs = days * DAY_NS / journalTicks;
        final long startNs = System.nanoTime();
        BenchmarkJournals.write(journal, journalTicks, spacingNs);
        System.out.printf("%nwrote %,d ticks over %d days in %.1f s%n", journalTicks, days, (System.nanoTime() - startNs) / 1e9);
        tailer = journal.tailer();
        if (pinCycles)
        {
            for (int day = 0; day < days; day++)
            {
                final TickTailer pin = journal.tailer();
                pin.moveToTime(BenchmarkJournals.DAY_START_NS + day * DAY_NS);
                pin.readNext(tick);
                pins.add(pin);
            }
        }
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < TARGETS; i++)
        {
            targetsNs[i] = BenchmarkJournals.DAY_START_NS + random.nextLong(journalTicks * spacingNs);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        tailer.close();
        pins.forEach(TickTailer::close);
        journal.close();
        BenchmarkJournals.delete(directory);
    }

    /** Seeks to the next random time and reads the first record at or after it; returns its sequence. */
    @Benchmark
    public long seekAndRead()
    {
        final long targetNs = targetsNs[next];
        next = (next + 1) & (TARGETS - 1);
        tailer.moveToTime(targetNs);
        tailer.readNext(tick);
        return tick.sequence;
    }
}
