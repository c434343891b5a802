package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.Instrument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A recorded journal for the replay tests, written for real in a test folder: three instruments
 * with 2, 4 and 0 price decimals; trades, quotes and status changes one millisecond apart, with a
 * burst of ten ticks at the same nanosecond every hundred records.
 */
final class ReplayJournal
{
    static final long BASE_TIME_NS = 1_795_185_000_000_000_000L; // 2026-11-20T14:30:00Z
    static final long SPACING_NS = 1_000_000L;

    private ReplayJournal()
    {
    }

    /** Writes {@code count} records into the journal folder {@code dir} and returns what it wrote. */
    static List<Tick> write(final Path dir, final int count)
    {
        final List<Tick> written = new ArrayList<>();
        try (TickJournal journal = TickJournal.open(dir))
        {
            InstrumentCatalog.empty().merge(List.of(
                    instrument("AAA", 2), instrument("BBB", 4), instrument("CCC", 0)))
                .save(journal.directory());
            try (TickAppender appender = journal.appender())
            {
                final Tick tick = new Tick();
                long timeNs = BASE_TIME_NS;
                for (int i = 0; i < count; i++)
                {
                    if (i % 100 >= 10)
                    {
                        timeNs += SPACING_NS;
                    }
                    final int instrument = i % 3;
                    if (i % 97 == 5)
                    {
                        tick.status(timeNs, instrument, i % 2 == 0 ? TickDescriptor.STATUS_HALTED : TickDescriptor.STATUS_TRADING);
                    }
                    else if (i % 2 == 0)
                    {
                        tick.trade(timeNs, instrument, 5 + i * 7L, 1 + i % 13,
                            i % 4 == 0 ? TickDescriptor.SIDE_BUY : TickDescriptor.SIDE_SELL);
                    }
                    else
                    {
                        tick.quote(timeNs, instrument, 1_000 + i, 10 + i % 5, 1_002 + i, 20 + i % 3);
                    }
                    appender.append(tick);
                    written.add(new Tick().copyFrom(tick));
                }
            }
        }
        return written;
    }

    private static Instrument instrument(final String symbol, final int priceDecimals)
    {
        return Instrument.newBuilder()
            .setSymbol(symbol)
            .setName(symbol + " Corp.")
            .setCurrency("USD")
            .setTimeZone("America/New_York")
            .setPriceDecimals(priceDecimals)
            .setPriceIncrement(1)
            .setLotSize(1)
            .build();
    }

    /** Every record of the journal in {@code dir} that {@code keep} accepts, read back from disk. */
    static List<Tick> read(final Path dir, final Predicate<Tick> keep)
    {
        final List<Tick> records = new ArrayList<>();
        try (TickJournal journal = TickJournal.open(dir); TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            while (tailer.readNext(tick))
            {
                if (keep.test(tick))
                {
                    records.add(new Tick().copyFrom(tick));
                }
            }
        }
        return records;
    }

    /** The records as comparable text, one per record. */
    static List<String> text(final List<Tick> ticks)
    {
        return ticks.stream().map(Tick::toString).toList();
    }
}
