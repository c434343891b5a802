package dev.ticker.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a whole new journal so that it appears complete or not at all: the work goes into a
 * hidden folder beside the target, which {@link #commit()} renames into place. Closing without a
 * commit (a failure, Ctrl-C) deletes the hidden folder, so a failed run leaves nothing behind.
 *
 * <p>The target must not hold a journal with records, unless {@code replace} is set: then the old
 * journal is moved aside at the commit and deleted after the new one is in place.
 */
public final class JournalStaging implements AutoCloseable
{
    private final Path target;
    private final Path staging;
    private final boolean replace;
    private final Path createdParent;
    private boolean committed;

    private JournalStaging(final Path target, final Path staging, final boolean replace, final Path createdParent)
    {
        this.target = target;
        this.staging = staging;
        this.replace = replace;
        this.createdParent = createdParent;
    }

    /**
     * Prepares to write the journal folder {@code target}.
     *
     * @throws JournalException when the target already holds records (and {@code replace} is not
     *                          set) or its parent folder cannot be written.
     */
    public static JournalStaging create(final Path target, final boolean replace)
    {
        final Path dir = target.toAbsolutePath().normalize();
        if (!replace)
        {
            refuseNonEmpty(dir);
        }
        final Path parent = dir.getParent();
        try
        {
            final Path createdParent = Files.exists(parent) ? null : parent;
            Files.createDirectories(parent);
            return new JournalStaging(dir, createUnique(parent, "." + dir.getFileName() + ".staging-"), replace, createdParent);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot create a folder beside " + dir + " to write the new journal in: " + describe(ex), ex);
        }
    }

    private static void refuseNonEmpty(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        if (!Files.isDirectory(dir))
        {
            throw new JournalException(dir + " is a file, not a journal folder");
        }
        if (isEmptyFolder(dir))
        {
            return;
        }
        final long head;
        try (TickJournal journal = TickJournal.open(dir))
        {
            head = journal.headSequence();
        }
        if (head > 0)
        {
            throw new JournalException("journal " + dir + " already holds " + head + " records; write into an empty folder, " +
                "or pass --replace to replace it");
        }
    }

    /** The folder to write the new journal into. */
    public Path directory()
    {
        return staging;
    }

    /** The folder the journal will have once committed. */
    public Path target()
    {
        return target;
    }

    /** Puts the new journal in place: a rename within one file system. */
    public void commit()
    {
        try
        {
            Path old = null;
            if (Files.exists(target))
            {
                if (!replace)
                {
                    refuseNonEmpty(target);
                }
                old = createUnique(target.getParent(), "." + target.getFileName() + ".old-");
                Files.delete(old);
                move(target, old);
            }
            move(staging, target);
            committed = true;
            if (null != old)
            {
                deleteTree(old);
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot move the new journal into " + target + ": " + describe(ex), ex);
        }
    }

    /** Deletes the staging folder unless the journal was committed, and the data folder if it was made for it. */
    @Override
    public void close()
    {
        if (!committed)
        {
            try
            {
                deleteTree(staging);
                if (null != createdParent && isEmptyFolder(createdParent))
                {
                    Files.delete(createdParent);
                }
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot delete the unfinished journal in " + staging + ": " + describe(ex), ex);
            }
        }
    }

    /** A new folder with the usual permissions (a temporary folder's would be private to its owner). */
    private static Path createUnique(final Path parent, final String prefix) throws IOException
    {
        final long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++)
        {
            final Path candidate = parent.resolve(prefix + pid + "-" + System.nanoTime() + "-" + attempt);
            try
            {
                return Files.createDirectory(candidate);
            }
            catch (final FileAlreadyExistsException ex)
            {
                if (attempt > 100)
                {
                    throw ex;
                }
            }
        }
    }

    private static void move(final Path from, final Path to) throws IOException
    {
        try
        {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(from, to);
        }
    }

    private static boolean isEmptyFolder(final Path dir)
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir))
        {
            return !entries.iterator().hasNext();
        }
        catch (final IOException ex)
        {
            throw new JournalException(dir + " cannot be read: " + describe(ex), ex);
        }
    }

    static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
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

    private static String describe(final IOException ex)
    {
        return ex.getClass().getSimpleName() + (null == ex.getMessage() ? "" : " (" + ex.getMessage() + ")");
    }
}
