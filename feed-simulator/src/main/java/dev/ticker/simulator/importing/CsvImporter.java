package dev.ticker.simulator.importing;

import dev.ticker.journal.JournalException;
import dev.ticker.journal.JournalStaging;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickJournal;
import dev.ticker.simulator.ProgressListener;

import java.nio.file.Path;

/**
 * Imports real trades and quotes from CSV into a new journal. Every line is checked and every
 * problem is reported with file, line, field and reason; if there is any, nothing is written.
 * The parts: {@link CsvRowReader} reads a file through the {@link ColumnMapping},
 * {@link RowChecker} checks each line into the {@link RowSorter} and {@link ImportProblems}, and
 * {@link JournalRowWriter} writes the sorted rows.
 *
 * <p>Out-of-order policy: the journal is in event-time order, so rows are sorted by time, stably
 * (rows with equal times keep their order in the file), trades before quotes of the same time.
 * How many rows were out of order is reported.
 *
 * <p>The journal appears complete or not at all ({@link JournalStaging}). The columns are in
 * {@code docs/import.md}.
 */
public final class CsvImporter
{
    /** Problems listed in an {@link ImportException}; all are counted. */
    public static final int MAX_PROBLEMS_LISTED = 20;

    private final ImportConfiguration configuration;
    private volatile boolean cancelled;

    public CsvImporter(final ImportConfiguration configuration)
    {
        this.configuration = configuration.validate();
    }

    /** Asks a running {@link #run(ProgressListener)} to stop soon and write nothing; any thread may call it. */
    public void cancel()
    {
        cancelled = true;
    }

    private void checkCancelled()
    {
        if (cancelled)
        {
            throw new JournalException("import cancelled; nothing was written");
        }
    }

    /**
     * Reads and checks both files, then writes the journal.
     *
     * @throws ImportException  listing the bad lines; nothing is written then.
     * @throws JournalException when the journal folder holds records already or cannot be written.
     */
    public ImportResult run(final ProgressListener progress)
    {
        final long startNs = System.nanoTime();
        // the target is checked before anything is read; the staging folder is gone unless committed
        try (JournalStaging staging = JournalStaging.create(configuration.journal(), configuration.replace());
            RowSorter sorter = new RowSorter(staging.directory().getParent(), configuration.sortChunkRows()))
        {
            final ImportProblems problems = new ImportProblems();
            final RowChecker checker = new RowChecker(configuration.instruments(), configuration.instrumentsName(),
                configuration.timeUnit(), problems, sorter);
            read(configuration.trades(), TickColumns.TRADES, checker, problems, progress);
            read(configuration.quotes(), TickColumns.QUOTES, checker, problems, progress);
            if (problems.count() == 0 && sorter.total() == 0)
            {
                final Path file = null != configuration.trades() ? configuration.trades() : configuration.quotes();
                problems.add(file + ": no trades or quotes to import");
            }
            problems.throwIfAny();

            final JournalRowWriter writer;
            try (TickJournal journal = TickJournal.open(staging.directory()); TickAppender appender = journal.appender())
            {
                writer = new JournalRowWriter(journal, appender, configuration.instruments(), checker.used(), progress, this::checkCancelled);
                progress.onStart("Writing the journal", sorter.total(), "ticks");
                sorter.drain(writer);
                progress.onProgress(sorter.total());
                progress.onEnd();
            }
            staging.commit();
            return new ImportResult(staging.target(), writer.counts(), writer.instruments(), checker.outOfOrder(),
                checker.inferredUnits(), System.nanoTime() - startNs);
        }
    }

    private void read(
        final Path file, final TickColumns kind, final RowChecker checker, final ImportProblems problems, final ProgressListener progress)
    {
        if (null != file)
        {
            checker.startFile(kind);
            new CsvRowReader(file, kind, configuration.columns(), problems).read(checker, progress, this::checkCancelled);
        }
    }
}
