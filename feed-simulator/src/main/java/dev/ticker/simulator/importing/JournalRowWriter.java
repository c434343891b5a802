package dev.ticker.simulator.importing;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.simulator.ProgressListener;
import dev.ticker.simulator.SimulatedInstrument;
import dev.ticker.simulator.TickCounts;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes checked, time-ordered rows into a new journal: first the catalogue of the instruments the
 * rows name (in the instrument file's order), then one record per row.
 */
final class JournalRowWriter implements RowSorter.RowHandler
{
    private static final int PROGRESS_ROWS = 16_384;

    private final TickAppender appender;
    private final int[] journalId;
    private final int instruments;
    private final TickCounts counts = new TickCounts();
    private final Tick tick = new Tick();
    private final ProgressListener progress;
    private final Runnable checkCancelled;
    private long written;

    /**
     * Saves the catalogue of the {@code used} instruments of {@code universe} into {@code journal}.
     */
    JournalRowWriter(
        final TickJournal journal,
        final TickAppender appender,
        final List<SimulatedInstrument> universe,
        final boolean[] used,
        final ProgressListener progress,
        final Runnable checkCancelled)
    {
        this.appender = appender;
        this.progress = progress;
        this.checkCancelled = checkCancelled;
        final List<Instrument> definitions = new ArrayList<>();
        for (int i = 0; i < universe.size(); i++)
        {
            if (used[i])
            {
                definitions.add(universe.get(i).instrument());
            }
        }
        final InstrumentCatalog catalog = InstrumentCatalog.empty().merge(definitions);
        catalog.save(journal.directory());
        journalId = new int[universe.size()];
        for (int i = 0; i < universe.size(); i++)
        {
            journalId[i] = used[i] ? catalog.bySymbol(universe.get(i).symbol()).getId() : -1;
        }
        instruments = definitions.size();
    }

    @Override
    public void onRow(
        final long timeNs, final int instrument, final byte type, final byte side,
        final long price, final long size, final long askPrice, final long askSize)
    {
        if (type == TickDescriptor.TYPE_TRADE)
        {
            tick.trade(timeNs, journalId[instrument], price, size, side);
        }
        else
        {
            tick.quote(timeNs, journalId[instrument], price, size, askPrice, askSize);
        }
        appender.appendOrThrow(tick);
        counts.count(tick);
        if (++written % PROGRESS_ROWS == 0)
        {
            progress.onProgress(written);
            checkCancelled.run();
        }
    }

    TickCounts counts()
    {
        return counts;
    }

    int instruments()
    {
        return instruments;
    }
}
