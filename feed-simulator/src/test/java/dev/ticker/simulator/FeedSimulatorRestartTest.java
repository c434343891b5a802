package dev.ticker.simulator;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A live feed restarted on a journal continues from the journal's last prices, not the reference prices. */
@Timeout(60)
class FeedSimulatorRestartTest
{
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    @Test
    void shouldContinueFromTheJournalsLastTradePrice()
    {
        final SimulatedInstrument aapl = InstrumentFile.defaults().stream().filter(i -> i.symbol().equals("AAPL")).findFirst().orElseThrow();
        final long lastPrice = 2 * aapl.instrument().getReferencePrice();
        try (TickJournal journal = TickJournal.open(dir.resolve("journal")))
        {
            // an earlier run left AAPL at twice its reference price
            final InstrumentCatalog catalog = journal.instruments().merge(InstrumentFile.definitions(List.of(aapl)));
            catalog.save(journal.directory());
            final int id = catalog.bySymbol("AAPL").getId();
            try (TickAppender appender = journal.appender())
            {
                appender.appendOrThrow(new Tick().trade(System.currentTimeMillis() * 1_000_000L, id, lastPrice, 100, TickDescriptor.SIDE_BUY));
            }
            assertEquals(lastPrice, JournalLastPrices.read(journal, catalog.size(), JournalLastPrices.SCAN_RECORDS)[id]);

            final Tick first = new Tick();
            try (FeedSimulator feed = FeedSimulator.start(journal,
                new SimulatorConfiguration().instruments(List.of(aapl)).rate(5_000).pace(Pace.EVEN).seed(3));
                TickTailer tailer = journal.tailer())
            {
                assertTrue(tailer.moveToSequence(2), "the simulator's first record follows the earlier run's");
                final long deadline = System.nanoTime() + DEADLINE_NS;
                while (!(tailer.readNext(first) && (first.isTrade() || first.isQuote())))
                {
                    assertTrue(System.nanoTime() - deadline < 0, "the simulator wrote a trade or quote within 30 s");
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                assertTrue(feed.lastSequence() >= 2);
            }
            final Instrument facts = aapl.instrument();
            final double relative = Math.abs(first.price - lastPrice) / (double)lastPrice;
            assertTrue(relative < 0.05, "first price " + first.price + " continues from " + lastPrice + " (reference " +
                facts.getReferencePrice() + "), off by " + relative);
        }
    }
}
