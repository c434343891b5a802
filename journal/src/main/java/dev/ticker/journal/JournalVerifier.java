package dev.ticker.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks a whole journal on disk without trusting Chronicle's own framing or indexes: every queue
 * file is walked byte by byte ({@link QueueFileScanner}), every record's checksum is checked and the
 * sequences are checked to run on without a break across files. The result says how many intact
 * records the journal holds, their range, each file, and each damaged region with its file, byte
 * offsets and the sequences it took. {@code ticker journal verify} prints it; {@code ticker journal
 * repair} copies the intact records it finds into a new journal.
 *
 * <p>It reads files only, so it works on a journal that Chronicle cannot open, and while a writer
 * appends (the newest records may then be missed, never misreported).
 */
public final class JournalVerifier
{
    /** One queue file: its intact records and their range. */
    public record FileSummary(Path file, long records, long firstSequence, long lastSequence)
    {
    }

    /** One damaged region: where it is, why, and the sequences lost in it (0..0 when none or not known). */
    public record Damage(Path file, long fromOffset, long toOffset, String why, long firstMissingSequence, long lastMissingSequence)
    {
        @Override
        public String toString()
        {
            return file.getFileName() + " bytes " + fromOffset + ".." + toOffset + ": " + why +
                (0 == firstMissingSequence ? "" : firstMissingSequence == lastMissingSequence ? "; sequence " + firstMissingSequence +
                " lost" : "; sequences " + firstMissingSequence + ".." + lastMissingSequence + " lost");
        }
    }

    /** The health of a journal as found. */
    public record Report(
        Path directory, long records, long firstSequence, long lastSequence, long firstTimeNs, long lastTimeNs,
        List<FileSummary> files, List<Damage> damage)
    {
        public boolean isIntact()
        {
            return damage.isEmpty();
        }
    }

    private JournalVerifier()
    {
    }

    /** Checks the journal in {@code directory}. */
    public static Report verify(final Path directory)
    {
        return verify(directory, tick -> { });
    }

    /**
     * Checks the journal in {@code directory} and hands each intact record, in sequence order and
     * without repeats, to {@code onRecord} (the tick is reused between calls).
     *
     * @throws JournalException when the folder holds no journal or a file cannot be read.
     */
    public static Report verify(final Path directory, final Consumer<Tick> onRecord)
    {
        final Path dir = directory.toAbsolutePath().normalize();
        final Path queueDir = dir.resolve(TickJournal.QUEUE_DIR);
        if (!Files.isDirectory(queueDir))
        {
            throw new JournalException(dir + " holds no journal (no " + TickJournal.QUEUE_DIR + " folder)");
        }
        final Walk walk = new Walk(onRecord);
        for (final Path file : queueFiles(queueDir))
        {
            walk.startFile(file);
            try (QueueFileScanner scanner = new QueueFileScanner(file))
            {
                scanner.scan(walk);
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot read " + file + ": " + TickJournal.describe(ex), ex);
            }
            walk.endFile();
        }
        walk.endJournal();
        return new Report(dir, walk.records, walk.firstSequence, walk.lastSequence, walk.firstTimeNs, walk.lastTimeNs,
            List.copyOf(walk.files), List.copyOf(walk.damage));
    }

    /** The roll cycle files of a queue folder, oldest first (their names are their dates). */
    static List<Path> queueFiles(final Path queueDir)
    {
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(queueDir, "*" + JournalFiles.CYCLE_FILE_SUFFIX))
        {
            entries.forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot list " + queueDir + ": " + TickJournal.describe(ex), ex);
        }
        files.sort(null);
        return files;
    }

    private static final class Walk implements QueueFileScanner.Listener
    {
        private final Consumer<Tick> onRecord;
        private final List<FileSummary> files = new ArrayList<>();
        private final List<Damage> damage = new ArrayList<>();
        private long records;
        private long firstSequence;
        private long lastSequence;
        private long firstTimeNs;
        private long lastTimeNs;
        private Path file;
        private long fileRecords;
        private long fileFirst;
        private long fileLast;
        /** Damage found since the last intact record, waiting to learn which sequences it took. */
        private final List<Damage> open = new ArrayList<>();

        Walk(final Consumer<Tick> onRecord)
        {
            this.onRecord = onRecord;
        }

        void startFile(final Path file)
        {
            this.file = file;
            fileRecords = 0;
            fileFirst = 0;
            fileLast = 0;
        }

        @Override
        public void onRecord(final Path file, final long offset, final Tick tick)
        {
            if (0 != lastSequence && tick.sequence <= lastSequence)
            {
                damage.add(new Damage(file, offset, offset + QueueFileScanner.HEADER_LENGTH + TickDescriptor.LENGTH,
                    "sequence " + tick.sequence + " again after sequence " + lastSequence + " (skipped)", 0, 0));
                return;
            }
            final long missingFrom = lastSequence + 1;
            final long missingTo = tick.sequence - 1;
            if (0 != lastSequence && missingTo >= missingFrom || !open.isEmpty())
            {
                // none lost (damage over metadata only), or not known (damage before the first record)
                final boolean lost = 0 != lastSequence && missingTo >= missingFrom;
                final long first = lost ? missingFrom : 0;
                final long last = lost ? missingTo : 0;
                if (open.isEmpty())
                {
                    damage.add(new Damage(file, offset, offset, "sequences break off: the records before this one are missing " +
                        "(a file cut short or removed)", first, last));
                }
                else
                {
                    // the sequences lost belong to the damage found since the last intact record
                    final Damage region = open.get(0);
                    open.set(0, new Damage(region.file(), region.fromOffset(), region.toOffset(), region.why(), first, last));
                    damage.addAll(open);
                    open.clear();
                }
            }
            if (0 == firstSequence)
            {
                firstSequence = tick.sequence;
                firstTimeNs = tick.eventTimeNs;
            }
            lastSequence = tick.sequence;
            lastTimeNs = tick.eventTimeNs;
            records++;
            fileRecords++;
            if (0 == fileFirst)
            {
                fileFirst = tick.sequence;
            }
            fileLast = tick.sequence;
            onRecord.accept(tick);
        }

        @Override
        public void onDamage(final Path file, final long from, final long to, final String why)
        {
            open.add(new Damage(file, from, to, why, 0, 0));
        }

        void endFile()
        {
            files.add(new FileSummary(file, fileRecords, fileFirst, fileLast));
        }

        void endJournal()
        {
            // damage after the last intact record: what it took cannot be known
            damage.addAll(open);
            open.clear();
        }
    }
}
