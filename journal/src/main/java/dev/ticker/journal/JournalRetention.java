package dev.ticker.journal;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Deletes the journal's old days as a {@link RetentionPolicy} says, so that a live journal (about
 * 550 MB an hour at the default rate) does not fill its disk. Only whole, closed roll cycle files
 * go, oldest first; the newest file, the one being written, always stays. Readers of the deleted
 * days lose them: a resume or replay from a sequence older than the oldest record kept gets the
 * documented "older than the journal keeps" answer. Runs as an agent (any process that has the
 * journal open: the server or the simulator) that looks every {@code checkIntervalMs}.
 */
public final class JournalRetention implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalRetention.class);

    private final TickJournal journal;
    private final RetentionPolicy policy;
    private final EpochClock clock;
    private long nextCheckMs = Long.MIN_VALUE;
    private long filesDeleted;
    private long bytesDeleted;

    public JournalRetention(final TickJournal journal, final RetentionPolicy policy, final EpochClock clock)
    {
        this.journal = journal;
        this.policy = policy.validate();
        this.clock = clock;
    }

    @Override
    public int doWork()
    {
        final long nowMs = clock.time();
        if (nowMs < nextCheckMs)
        {
            return 0;
        }
        nextCheckMs = nowMs + policy.checkIntervalMs();
        return apply();
    }

    /** Deletes what the policy says may go now; returns the number of files deleted. */
    public int apply()
    {
        if (!policy.isEnabled())
        {
            return 0;
        }
        final Path queueDir = journal.queueDirectory();
        final List<Path> files = JournalVerifier.queueFiles(queueDir);
        if (files.size() < 2)
        {
            return 0;
        }
        final long[] sizes = new long[files.size()];
        long total = 0;
        for (int i = 0; i < files.size(); i++)
        {
            sizes[i] = size(files.get(i));
            total += sizes[i];
        }
        final long newestDay = dayOf(files.get(files.size() - 1));
        int deleted = 0;
        // never the newest file: it is the one being written
        for (int i = 0; i < files.size() - 1; i++)
        {
            final boolean tooOld = policy.retainDays() > 0 && dayOf(files.get(i)) <= newestDay - policy.retainDays();
            final boolean tooBig = policy.retainBytes() > 0 && total > policy.retainBytes();
            if (!tooOld && !tooBig)
            {
                break;
            }
            try
            {
                Files.deleteIfExists(files.get(i));
            }
            catch (final IOException ex)
            {
                throw new JournalException("retention cannot delete " + files.get(i) + ": " + TickJournal.describe(ex), ex);
            }
            total -= sizes[i];
            filesDeleted++;
            bytesDeleted += sizes[i];
            deleted++;
            LOG.info("retention deleted {} ({} bytes): {}", files.get(i).getFileName(), sizes[i],
                tooOld ? "older than retainDays=" + policy.retainDays() : "the journal was larger than retainBytes=" + policy.retainBytes());
        }
        if (deleted > 0)
        {
            journal.refreshFiles();
        }
        return deleted;
    }

    /** Files deleted so far. */
    public long filesDeleted()
    {
        return filesDeleted;
    }

    /** Bytes deleted so far. */
    public long bytesDeleted()
    {
        return bytesDeleted;
    }

    @Override
    public String roleName()
    {
        return "journal-retention";
    }

    /** The day number of a cycle file: its name is the UTC date, yyyyMMdd then 'F'. */
    private static long dayOf(final Path file)
    {
        final String name = file.getFileName().toString();
        try
        {
            return java.time.LocalDate.parse(name.substring(0, 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE).toEpochDay();
        }
        catch (final RuntimeException ex)
        {
            throw new JournalException("retention cannot tell the day of " + file + ": its name is not a roll cycle's", ex);
        }
    }

    private static long size(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            throw new JournalException("retention cannot read the size of " + file + ": " + TickJournal.describe(ex), ex);
        }
    }
}
