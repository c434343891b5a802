package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.JournalStaging;
import dev.ticker.journal.ReplayClock;
import dev.ticker.journal.TickJournal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * {@code ticker replay --into}: a window of a recorded journal copied into a new journal, with the
 * recorded journal's instrument catalogue, so that a server can stream it as its live feed. A copy
 * at "as fast as possible" is built in a staging folder ({@link JournalStaging}) and moved into place only when complete;
 * a paced copy is a live feed and writes the journal as it goes, record by whole record.
 */
final class JournalCopy
{
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
        final long startEpochNs = epochNsNow();
        final Copied copied;
        if (staged)
        {
            // complete or not at all, like generate and import
            try (JournalStaging staging = JournalStaging.create(target, false))
            {
                copied = write(staging.directory(), catalog, replayer, pace, liveTimes, startEpochNs, progress, stopRequested);
                if (copied.complete())
                {
                    staging.commit();
                }
            }
        }
        else
        {
            copied = write(target, catalog, replayer, pace, liveTimes, startEpochNs, progress, stopRequested);
        }
        final long written = copied.written();
        final long lastSequence = copied.lastSequence();
        final boolean complete = copied.complete();
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

    private record Copied(long written, long lastSequence)
    {
        boolean complete()
        {
            return written >= 0;
        }
    }

    private static Copied write(
        final Path folder,
        final InstrumentCatalog catalog,
        final WindowReplayer replayer,
        final double pace,
        final boolean liveTimes,
        final long startEpochNs,
        final LongConsumer progress,
        final BooleanSupplier stopRequested) throws IOException
    {
        try (TickJournal copy = TickJournal.open(folder))
        {
            catalog.save(copy.directory());
            try (JournalCopySink sink = new JournalCopySink(copy.appender(), liveTimes, pace, startEpochNs))
            {
                final long written = replayer.run(sink, progress, stopRequested);
                return new Copied(written, sink.lastSequence());
            }
        }
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
}
