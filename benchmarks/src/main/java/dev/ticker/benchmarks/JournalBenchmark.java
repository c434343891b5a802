package dev.ticker.benchmarks;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Appending a tick to the journal and reading it back, on a real queue in a temp folder. Run with
 * {@code -prof gc}: both paths must allocate nothing per tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalBenchmark
{
    private Path directory;
    private TickJournal journal;
    private TickAppender appender;
    private TickTailer tailer;
    private final Tick tick = new Tick();
    private long eventTimeNs = 1_763_650_000_000_000_000L;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("ticker-journal-bench");
        journal = TickJournal.open(directory);
        appender = journal.appender();
        tailer = journal.tailer();
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        tailer.close();
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

    /** Appends one trade; the score is ticks appended per second. */
    @Benchmark
    public long append()
    {
        eventTimeNs += 1_000;
        return appender.appendTrade(eventTimeNs, 3, 1_234_500, 100, TickDescriptor.SIDE_BUY);
    }

    /** Appends one trade and reads it back; the score is ticks written and read per second. */
    @Benchmark
    public long appendAndRead()
    {
        eventTimeNs += 1_000;
        appender.appendTrade(eventTimeNs, 3, 1_234_500, 100, TickDescriptor.SIDE_BUY);
        tailer.readNext(tick);
        return tick.sequence;
    }
}
