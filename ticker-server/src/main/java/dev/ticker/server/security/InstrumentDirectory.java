package dev.ticker.server.security;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.Instrument;

import java.util.List;
import java.util.function.Supplier;

/**
 * The journal's instruments as entitlement checks need them (a symbol's sector and currency, the
 * list behind a request for all), read from disk at most once per interval however many requests
 * ask, so that instruments the writer adds are seen within that interval.
 */
public final class InstrumentDirectory
{
    private final Supplier<InstrumentCatalog> load;
    private final long maxAgeMs;
    private volatile InstrumentCatalog catalog;
    private volatile long loadedAtMs = Long.MIN_VALUE / 2;

    public InstrumentDirectory(final Supplier<InstrumentCatalog> load, final long maxAgeMs)
    {
        this.load = load;
        this.maxAgeMs = maxAgeMs;
    }

    public static InstrumentDirectory of(final TickJournal journal)
    {
        return new InstrumentDirectory(journal::instruments, 1_000);
    }

    /** The instrument of the symbol, or null when the journal does not know it. */
    public Instrument bySymbol(final String symbol)
    {
        final Instrument instrument = current(false).bySymbol(symbol);
        return null != instrument ? instrument : current(true).bySymbol(symbol);
    }

    public List<Instrument> instruments()
    {
        return current(false).instruments();
    }

    private InstrumentCatalog current(final boolean missed)
    {
        final long nowMs = System.currentTimeMillis();
        InstrumentCatalog now = catalog;
        if (null == now || (missed || nowMs - loadedAtMs >= maxAgeMs) && nowMs - loadedAtMs >= Math.min(maxAgeMs, 100))
        {
            now = load.get();
            catalog = now;
            loadedAtMs = nowMs;
        }
        return now;
    }
}
