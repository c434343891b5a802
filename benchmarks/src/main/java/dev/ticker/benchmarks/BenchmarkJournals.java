package dev.ticker.benchmarks;

import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Recorded journals for the replay benchmarks, written once per trial in a temp folder. */
final class BenchmarkJournals
{
    /** 2026-11-20T00:00:00Z: the recorded day starts here. */
    static final long DAY_START_NS = 1_795_132_800_000_000_000L;
    static final int INSTRUMENTS = 100;

    private BenchmarkJournals()
    {
    }

    /**
     * Appends {@code ticks} records, alternating trades and quotes over {@link #INSTRUMENTS}
     * instruments, {@code spacingNs} apart from {@link #DAY_START_NS}, as fast as the appender goes.
     */
    static void write(final TickJournal journal, final long ticks, final long spacingNs)
    {
        try (TickAppender appender = journal.appender())
        {
            long timeNs = DAY_START_NS;
            for (long i = 0; i < ticks; i++)
            {
                final int instrument = (int)(i % INSTRUMENTS);
                if ((i & 1) == 0)
                {
                    appender.appendTrade(timeNs, instrument, 1_000_000 + (i & 1023), 100, TickDescriptor.SIDE_BUY);
                }
                else
                {
                    appender.appendQuote(timeNs, instrument, 999_900 + (i & 1023), 300, 1_000_100 + (i & 1023), 200);
                }
                timeNs += spacingNs;
            }
        }
    }

    static void delete(final Path directory)
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
