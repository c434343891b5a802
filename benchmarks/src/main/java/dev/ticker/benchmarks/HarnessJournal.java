package dev.ticker.benchmarks;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.server.TickerServer;
import dev.ticker.server.config.ServerConfiguration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the timed harnesses share: a journal of predictable ticks over 20 instruments in a temp
 * folder, a real server on it, and the runs timed and summarised (median and best).
 */
final class HarnessJournal
{
    private static final int INSTRUMENTS = 20;

    /** One timed run against the server; returns its wall time in milliseconds. */
    @FunctionalInterface
    interface Run
    {
        long millis(int port, long head) throws Exception;
    }

    private HarnessJournal()
    {
    }

    /**
     * Writes {@code count} ticks (trades and quotes in turn, 50 us apart) into a new journal, serves it
     * and times {@code runs} runs, printing each as "{@code what} {@code items} in N ms" and then the
     * median and the best; deletes the journal at the end.
     */
    static void timeRuns(final String prefix, final int count, final int runs, final String what, final long items, final Run run)
        throws Exception
    {
        final Path directory = Files.createTempDirectory(prefix);
        try (TickJournal journal = TickJournal.open(directory))
        {
            write(journal, directory, count);
            final long head = journal.headSequence();
            try (TickerServer server = TickerServer.start(new ServerConfiguration().port(0), journal))
            {
                final long[] millis = new long[runs];
                for (int i = 0; i < runs; i++)
                {
                    millis[i] = run.millis(server.port(), head);
                    System.out.printf("run %d: %s %,d ticks in %d ms (%,.0f ticks/s)%n",
                        i + 1, what, items, millis[i], items * 1000.0 / Math.max(1, millis[i]));
                }
                final long[] sorted = millis.clone();
                Arrays.sort(sorted);
                System.out.printf("median %d ms, best %d ms over %d runs (first runs include JIT warm-up)%n",
                    sorted[runs / 2], sorted[0], runs);
            }
        }
        finally
        {
            try (Stream<Path> files = Files.walk(directory))
            {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void write(final TickJournal journal, final Path directory, final int count) throws IOException
    {
        final List<Instrument> instruments = new ArrayList<>();
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            instruments.add(Instrument.newBuilder().setSymbol("S" + i).setTimeZone("America/New_York").setPriceDecimals(2).build());
        }
        InstrumentCatalog.empty().merge(instruments).save(directory);
        try (TickAppender appender = journal.appender())
        {
            long timeNs = 1_763_650_000_000_000_000L;
            for (int i = 0; i < count; i++)
            {
                timeNs += 50_000;
                final int instrument = i % INSTRUMENTS;
                if ((i & 1) == 0)
                {
                    appender.appendTrade(timeNs, instrument, 1_000_000 + (i & 1023), 1 + (i & 7), TickDescriptor.SIDE_BUY);
                }
                else
                {
                    appender.appendQuote(timeNs, instrument, 999_900 + (i & 255), 300, 1_000_100 + (i & 255), 200);
                }
            }
        }
    }
}
