package dev.ticker.server;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.Instrument;

import java.nio.file.Path;
import java.util.List;

/**
 * A real journal in a test folder with a small catalogue (AAA, BBB, CCC), and a writer that appends
 * predictable ticks: instrument {@code i % 3}, price {@code 10_000 + sequence}.
 */
public final class JournalFixture implements AutoCloseable
{
    public static final List<String> SYMBOLS = List.of("AAA", "BBB", "CCC");
    public static final long BASE_TIME_NS = 1_763_650_000_000_000_000L;

    public final TickJournal journal;
    public final TickAppender appender;

    public JournalFixture(final Path dir)
    {
        journal = TickJournal.open(dir);
        InstrumentCatalog.empty().merge(SYMBOLS.stream()
            .map(symbol -> Instrument.newBuilder()
                .setSymbol(symbol)
                .setName(symbol + " Corp.")
                .setCurrency("USD")
                .setTimeZone("America/New_York")
                .setPriceDecimals(2)
                .setPriceIncrement(1)
                .setLotSize(1)
                .setReferencePrice(10_000)
                .build())
            .toList())
            .save(journal.directory());
        appender = journal.appender();
    }

    /** Appends {@code count} ticks, alternating trades and quotes over the three instruments. */
    public void append(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long next = appender.lastSequence() + 1;
            final int instrument = (int)(next % SYMBOLS.size());
            if (next % 2 == 0)
            {
                appender.appendTrade(BASE_TIME_NS + next, instrument, 10_000 + next, 1 + next % 7, TickDescriptor.SIDE_BUY);
            }
            else
            {
                appender.appendQuote(BASE_TIME_NS + next, instrument, 9_999 + next, 5, 10_001 + next, 6);
            }
        }
    }

    @Override
    public void close()
    {
        appender.close();
        journal.close();
    }
}
