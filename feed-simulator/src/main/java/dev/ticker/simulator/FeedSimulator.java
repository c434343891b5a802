package dev.ticker.simulator;

import dev.ticker.journal.AgentErrorHandler;
import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.Instrument;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

import java.util.List;

/**
 * The live feed simulator: takes the journal's writer role, registers its instruments in the
 * journal's catalogue and runs a {@link SimulatorAgent} on its own thread until closed.
 */
public final class FeedSimulator implements AutoCloseable
{
    private final TickAppender appender;
    private final AgentRunner runner;
    private final AgentErrorHandler errorHandler;

    private FeedSimulator(final TickAppender appender, final AgentRunner runner, final AgentErrorHandler errorHandler)
    {
        this.appender = appender;
        this.runner = runner;
        this.errorHandler = errorHandler;
    }

    /** Starts writing into {@code journal}; the journal stays the caller's to close, after this. */
    public static FeedSimulator start(final TickJournal journal, final SimulatorConfiguration configuration)
    {
        configuration.validate();
        final TickAppender appender = journal.appender();
        try
        {
            final InstrumentCatalog catalog = journal.instruments().merge(InstrumentFile.definitions(configuration.instruments()));
            catalog.save(journal.directory());
            // a restart continues from the journal's last prices rather than jumping back to the reference prices
            final long[] lastPrice = JournalLastPrices.read(journal, catalog.size(), JournalLastPrices.SCAN_RECORDS);
            final List<SimulatedInstrument> instruments = configuration.instruments().stream()
                .map(instrument -> instrument.withInstrument(continued(catalog.bySymbol(instrument.symbol()), lastPrice)))
                .toList();
            final AgentErrorHandler errorHandler = new AgentErrorHandler("feed-simulator");
            final SimulatorAgent agent = new SimulatorAgent(
                configuration, instruments, appender, new OffsetEpochNanoClock(), SystemNanoClock.INSTANCE);
            final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), errorHandler, null, agent);
            AgentRunner.startOnThread(runner);
            return new FeedSimulator(appender, runner, errorHandler);
        }
        catch (final RuntimeException ex)
        {
            appender.close();
            throw ex;
        }
    }

    private static Instrument continued(final Instrument catalogued, final long[] lastPrice)
    {
        final long last = catalogued.getId() < lastPrice.length ? lastPrice[catalogued.getId()] : 0;
        final long onIncrement = last - last % Math.max(1, catalogued.getPriceIncrement());
        return onIncrement > 0 ? catalogued.toBuilder().setReferencePrice(onIncrement).build() : catalogued;
    }

    /** The sequence of the last tick written; after {@link #close()}, the journal's final head. */
    public long lastSequence()
    {
        return appender.lastSequence();
    }

    public long errorCount()
    {
        return errorHandler.errorCount();
    }

    /** Stops writing and gives up the writer role. */
    @Override
    public void close()
    {
        CloseHelper.closeAll(runner, appender);
    }
}
