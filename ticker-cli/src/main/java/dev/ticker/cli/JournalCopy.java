package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.ReplayClock;
import dev.ticker.journal.TickJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * {@code ticker replay --into}: a window of a recorded journal copied into a new journal, with the
 * recorded journal's instrument catalogue, so that a server can stream it as its live feed. A copy
 * at "as fast as possible" is built in a staging folder and moved into place only when complete;
 * a paced copy is a live feed and writes the journal as it goes, record by whole record.
 */
final class JournalCopy
{
    static final String STAGING_DIR = ".journal.staging";

    private JournalCopy()
    {
    }

    /**
     * Copies the window into a new journal in the data folder {@code into}.
     *
     * @return what was copied, for the command's last line.
     * @throws IllegalArgumentException when the target is the source or holds records.
     */
    static String copy(
        final Path sourceJournal,
        final Path into,
        final InstrumentCatalog catalog,
        final ReplayWindow window,
        final WindowReplayer replayer,
        final double pace,
        final boolean liveTimes,
        final LongConsumer progress,
        final BooleanSupplier stopRequested) throws IOException
    {
        final long startNs = System.nanoTime();
        final Path dataFolder = into.toAbsolutePath().normalize();
        final Path target = dataFolder.resolve("journal");
        if (target.equals(sourceJournal))
        {
            throw new IllegalArgumentException("--into " + into + " is the recorded journal itself; name a new data folder");
        }
        checkNoRecords(target);

        final boolean staged = pace == ReplayClock.AS_FAST_AS_POSSIBLE;
        final Path folder = staged ? dataFolder.resolve(STAGING_DIR) : target;
        if (staged)
        {
            deleteRecursively(folder);
        }
        final long startEpochNs = epochNsNow();
        long written = 0;
        long lastSequence = 0;
        boolean complete = false;
        try
        {
            try (TickJournal copy = TickJournal.open(folder))
            {
                catalog.save(copy.directory());
                try (JournalCopySink sink = new JournalCopySink(copy.appender(), liveTimes, pace, startEpochNs))
                {
                    written = replayer.run(sink, progress, stopRequested);
                    lastSequence = sink.lastSequence();
                }
            }
            complete = written >= 0;
            if (complete && staged)
            {
                deleteRecursively(target);
                move(folder, target);
            }
        }
        finally
        {
            if (!complete && staged)
            {
                deleteRecursively(folder);
            }
        }
        final String what = ReplayCommand.count(written) + " ticks (" + window + ") of " + sourceJournal;
        if (complete)
        {
            return "copied " + what + " into " + target + " as sequences 1 to " + lastSequence + " with " +
                (liveTimes ? "live" : "recorded") + " event times in " + ReplayCommand.seconds(startNs);
        }
        if (staged)
        {
            return "stopped after " + what + "; nothing was kept";
        }
        return "stopped after " + what + "; " + target + " holds them, as a live feed stopped at sequence " + lastSequence;
    }

    private static void checkNoRecords(final Path target)
    {
        if (!Files.exists(target))
        {
            return;
        }
        if (!Files.isDirectory(target))
        {
            throw new IllegalArgumentException("--into: " + target + " is a file, not a journal folder");
        }
        final int instruments = InstrumentCatalog.load(target).size();
        long head = 0;
        if (Files.isDirectory(target.resolve("queue")))
        {
            try (TickJournal existing = TickJournal.open(target))
            {
                head = existing.headSequence();
            }
        }
        if (head > 0 || instruments > 0)
        {
            throw new IllegalArgumentException("--into: the journal " + target + " is not empty (" + head + " records, " +
                instruments + " instruments); replay --into writes a new journal only");
        }
    }

    private static long epochNsNow()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    static void move(final Path from, final Path to) throws IOException
    {
        try
        {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteRecursively(final Path folder) throws IOException
    {
        if (!Files.exists(folder))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path ->
            {
                try
                {
                    Files.delete(path);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
    }

}
