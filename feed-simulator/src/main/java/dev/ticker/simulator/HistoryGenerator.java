package dev.ticker.simulator;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.JournalException;
import dev.ticker.journal.JournalStaging;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickJournal;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Generates whole trading sessions into a new journal as fast as the machine allows: the
 * {@link MarketModel} on a historical {@link SessionSchedule}, each instrument at its own hours in
 * its own time zone, every tick stamped with its event time. The journal appears complete or not
 * at all ({@link JournalStaging}); the same settings give the same journal, byte for byte.
 */
public final class HistoryGenerator
{
    /** Ticks between two progress reports and checks for cancellation. */
    private static final int REPORT_MASK = (1 << 16) - 1;

    private final GeneratorConfiguration configuration;
    private volatile boolean cancelled;

    public HistoryGenerator(final GeneratorConfiguration configuration)
    {
        this.configuration = configuration.validate();
    }

    /** The trading days this generation covers. */
    public List<LocalDate> days()
    {
        return SessionSchedule.tradingDays(configuration.date(), configuration.days());
    }

    /** Asks a running {@link #run(ProgressListener)} to stop soon and leave nothing behind; any thread may call it. */
    public void cancel()
    {
        cancelled = true;
    }

    /**
     * Writes the journal.
     *
     * @throws JournalException when the journal folder holds records already or cannot be written,
     *                          or when cancelled (nothing is left behind then).
     */
    public TickCounts run(final ProgressListener progress)
    {
        final TickCounts counts = new TickCounts();
        try (JournalStaging staging = JournalStaging.create(configuration.journal(), configuration.replace()))
        {
            try (TickJournal journal = TickJournal.open(staging.directory()); TickAppender appender = journal.appender())
            {
                final List<SimulatedInstrument> universe = configuration.instruments();
                final InstrumentCatalog catalog = InstrumentCatalog.empty().merge(InstrumentFile.definitions(universe));
                catalog.save(journal.directory());
                final List<SimulatedInstrument> instruments = universe.stream()
                    .map(instrument -> instrument.withInstrument(catalog.bySymbol(instrument.symbol())))
                    .toList();
                final SessionSchedule schedule = SessionSchedule.historical(instruments, configuration.date(), configuration.days());
                final MarketModel model = new MarketModel(instruments, schedule, configuration.seed(), configuration.activity());
                write(model, schedule, appender, counts, progress);
            }
            staging.commit();
        }
        return counts;
    }

    private static String describe(final List<LocalDate> days)
    {
        return days.size() == 1 ? days.get(0).toString() : days.get(0) + " to " + days.get(days.size() - 1);
    }

    private void write(
        final MarketModel model,
        final SessionSchedule schedule,
        final TickAppender appender,
        final TickCounts counts,
        final ProgressListener progress)
    {
        final long startNs = schedule.firstOpenNs();
        final long spanMinutes = TimeUnit.NANOSECONDS.toMinutes(schedule.lastCloseNs() - startNs);
        progress.onStart("Generating " + describe(schedule.days()), spanMinutes, "min of market time");
        final Tick tick = new Tick();
        long written = 0;
        while (model.next(tick))
        {
            appender.appendOrThrow(tick);
            counts.count(tick);
            if ((++written & REPORT_MASK) == 0)
            {
                progress.onProgress(TimeUnit.NANOSECONDS.toMinutes(tick.eventTimeNs - startNs));
                if (cancelled)
                {
                    throw new JournalException("generation cancelled after " + written + " ticks; nothing was written");
                }
            }
        }
        progress.onProgress(spanMinutes);
        progress.onEnd();
    }
}
