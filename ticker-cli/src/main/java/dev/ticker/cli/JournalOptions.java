package dev.ticker.cli;

import dev.ticker.journal.JournalConfiguration;
import dev.ticker.journal.JournalRetention;
import dev.ticker.journal.RetentionPolicy;
import dev.ticker.journal.TickJournal;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import dev.ticker.journal.AgentErrorHandler;
import picocli.CommandLine.Option;

/**
 * The journal's own options: free disk space the writer keeps, and retention. Defaults and meanings
 * come from {@link JournalConfiguration} and {@link RetentionPolicy}.
 */
final class JournalOptions
{
    @Option(names = "--min-free-disk-bytes", paramLabel = "BYTES", defaultValue = "" + JournalConfiguration.DEFAULT_MIN_FREE_DISK_BYTES,
        description = "The writer appends nothing, and says why, while the journal's disk has less free; it resumes by itself " +
            "(default: ${DEFAULT-VALUE}).")
    long minFreeDiskBytes;

    @Option(names = "--retain-days", paramLabel = "DAYS", defaultValue = "0",
        description = "Delete whole day files older than this many days before the journal's newest day; 0 keeps every day " +
            "(default: ${DEFAULT-VALUE}).")
    int retainDays;

    @Option(names = "--retain-bytes", paramLabel = "BYTES", defaultValue = "0",
        description = "Delete the oldest whole day files while the journal's files are larger; 0: no limit. The newest day " +
            "always stays (default: ${DEFAULT-VALUE}).")
    long retainBytes;

    JournalConfiguration configuration()
    {
        return new JournalConfiguration().minFreeDiskBytes(minFreeDiskBytes).validate();
    }

    RetentionPolicy retention()
    {
        return new RetentionPolicy().retainDays(retainDays).retainBytes(retainBytes).validate();
    }

    /** What the retention agent does, for the start-up banner. */
    String describe(final AgentRunner retention)
    {
        return null == retention ? "keeps every day" : "deletes whole day files" +
            (retainDays > 0 ? " older than " + retainDays + " days" : "") + (retainDays > 0 && retainBytes > 0 ? " or" : "") +
            (retainBytes > 0 ? " beyond " + retainBytes + " bytes" : "") + ", never the newest";
    }

    /** Starts the retention agent on its own thread when a limit is set; null otherwise. Close it before the journal. */
    AgentRunner startRetention(final TickJournal journal)
    {
        final RetentionPolicy policy = retention();
        if (!policy.isEnabled())
        {
            return null;
        }
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(100), new AgentErrorHandler("journal-retention"),
            null, new JournalRetention(journal, policy, SystemEpochClock.INSTANCE));
        AgentRunner.startOnThread(runner);
        return runner;
    }
}
