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
import java.util.concurrent.TimeUnit;

/**
 * Reading a recorded window for a replay: the loop of {@code ticker replay} and of a replay
 * session at "as fast as possible", without the output. A window of {@code windowTicks} records is
 * written once per trial; each operation reads the next record, keeps it when its instrument is
 * chosen, and starts the window again at its end. The score is records read per second; run with
 * {@code -prof gc}: reading allocates nothing per tick. The {@code all} case keeps every
 * instrument, {@code some} a tenth of them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReplayReadBenchmark
{
    @Param({"5000000"})
    long windowTicks;

    @Param({"all", "some"})
    String symbols;

    private Path directory;
    private TickJournal journal;
    private TickTailer tailer;
    private final Tick tick = new Tick();
    private final boolean[] selected = new boolean[BenchmarkJournals.INSTRUMENTS];
    private long firstSequence;
    private long lastSequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("ticker-replay-read-bench");
        journal = TickJournal.open(directory);
        BenchmarkJournals.write(journal, windowTicks, 1_000);
        tailer = journal.tailer();
        firstSequence = tailer.firstSequence();
        lastSequence = tailer.lastSequence();
        for (int id = 0; id < selected.length; id++)
        {
            selected[id] = "all".equals(symbols) || id % 10 == 0;
        }
        tailer.moveToSequence(firstSequence);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        tailer.close();
        journal.close();
        BenchmarkJournals.delete(directory);
    }

    /** Reads one record of the window; returns its price when kept. */
    @Benchmark
    public long readNext()
    {
        if (!tailer.readNext(tick) || tick.sequence >= lastSequence)
        {
            tailer.moveToSequence(firstSequence);
        }
        return selected[tick.instrumentId] ? tick.price : 0;
    }
}
