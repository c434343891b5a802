package dev.ticker.server.http;

import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TimeParser;
import dev.ticker.proto.v1.BarHistory;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.server.bars.BarHistoryReader;
import dev.ticker.server.bars.BarIntervals;
import dev.ticker.server.bars.BarStore;
import dev.ticker.server.bars.DayWindow;
import dev.ticker.server.metrics.ServerCounters;
import dev.ticker.server.security.RequestAccess;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.time.ZoneId;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * {@code GET /api/bars?symbol=&interval=&from=&to=&limit=&decimals=}: the bars of one instrument and
 * interval starting in [from, to), the newest {@code limit} of them, oldest first, as
 * {@code BarHistory} in the proto3 JSON mapping, with the last journal sequence they include and
 * where to page back from. Read from the {@link BarStore} the stream agent keeps and, for a
 * {@code from} older than the bars it holds or a {@code to} alone (a page back), from the journal
 * ({@link BarHistoryReader}), on a worker thread, without ever blocking the agent. A bad parameter, a
 * range that needs more journal records than a request may read, or a page back whose records cannot
 * hold one whole bar gets 400 and an unknown symbol 404, each with a JSON error saying what and why;
 * while the server is still warming up at start, or when as many journal reads run as may at once,
 * 503 with Retry-After.
 */
public final class BarsHandler implements HttpHandler
{
    static final int DEFAULT_LIMIT = 500;
    /** Journal reads at once: half the cores, so that streaming always keeps the other half. */
    static final int JOURNAL_READS_AT_ONCE = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final TickJournal journal;
    private final BarHistoryReader reader;
    private final int maxLimit;
    private final Semaphore journalReads = new Semaphore(JOURNAL_READS_AT_ONCE);
    private final ServerCounters counters;

    /**
     * @param maxLimit          the largest {@code limit} a request may ask for (maxBarsPerRequest).
     * @param maxJournalRecords the most journal records one request may read (barsJournalRecords); 0: none.
     */
    public BarsHandler(final TickJournal journal, final BarStore bars, final int maxLimit, final int maxJournalRecords,
        final ServerCounters counters)
    {
        this.journal = journal;
        this.reader = new BarHistoryReader(journal, bars, maxJournalRecords);
        this.maxLimit = maxLimit;
        this.counters = counters;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        if (exchange.isInIoThread())
        {
            exchange.dispatch(this);
            return;
        }
        if (counters.warmingUp())
        {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            JsonResponses.sendError(exchange, StatusCodes.SERVICE_UNAVAILABLE,
                "the server is still reading the journal's recent past to build its bars (" + counters.warmUpRecords() +
                " records so far); try again shortly");
            return;
        }
        final Map<String, Deque<String>> query = exchange.getQueryParameters();
        final String symbol = parameter(query, "symbol");
        final String intervalName = parameter(query, "interval");
        if (null == symbol || symbol.isEmpty())
        {
            JsonResponses.sendError(exchange, StatusCodes.BAD_REQUEST, "symbol is missing: /api/bars?symbol=SYMBOL&interval=1m");
            return;
        }
        if (null == intervalName)
        {
            JsonResponses.sendError(exchange, StatusCodes.BAD_REQUEST,
                "interval is missing: one of " + BarIntervals.names());
            return;
        }
        final int interval = BarIntervals.parse(intervalName);
        if (interval < 0)
        {
            JsonResponses.sendError(exchange, StatusCodes.BAD_REQUEST,
                "interval=" + intervalName + ": not an interval the server builds (" + BarIntervals.names() + ")");
            return;
        }
        final Instrument instrument = journal.instruments().bySymbol(symbol);
        if (null == instrument)
        {
            JsonResponses.sendError(exchange, StatusCodes.NOT_FOUND,
                "symbol=" + symbol + ": not in the journal's instrument catalogue (see /api/instruments)");
            return;
        }
        if (!RequestAccess.allows(exchange, instrument))
        {
            JsonResponses.sendError(exchange, StatusCodes.FORBIDDEN,
                "NOT_ENTITLED: symbol=" + symbol + ": not entitled for subject " + RequestAccess.of(exchange).subject());
            return;
        }
        final ZoneId zone = DayWindow.zoneOf(instrument.getTimeZone());
        final long fromNs;
        final long toNs;
        final int limit;
        final boolean decimals;
        try
        {
            fromNs = time(query, "from", zone, Long.MIN_VALUE);
            toNs = time(query, "to", zone, Long.MAX_VALUE);
            limit = limit(query, maxLimit);
            decimals = decimals(query);
        }
        catch (final IllegalArgumentException ex)
        {
            JsonResponses.sendError(exchange, StatusCodes.BAD_REQUEST, ex.getMessage());
            return;
        }
        if (fromNs >= toNs)
        {
            JsonResponses.sendError(exchange, StatusCodes.BAD_REQUEST,
                "from=" + parameter(query, "from") + " is not before to=" + parameter(query, "to") + ": the range is empty");
            return;
        }
        final BarHistory history;
        if (0 == reader.maxJournalRecords() || Long.MIN_VALUE == fromNs && Long.MAX_VALUE == toNs)
        {
            // neither from nor to (or journal reads off): the bars held in memory, as fast as ever
            history = reader.held(instrument, interval, fromNs, toNs, limit);
        }
        else if (Long.MIN_VALUE == fromNs)
        {
            history = pagedBack(exchange, query, instrument, interval, intervalName, toNs, limit);
        }
        else
        {
            history = withJournal(exchange, query, instrument, interval, fromNs, toNs, limit);
        }
        if (null == history)
        {
            return;
        }
        if (decimals)
        {
            JsonResponses.sendJson(exchange, DecimalPrices.rewrite(JsonResponses.print(history), instrument.getPriceDecimals()));
        }
        else
        {
            JsonResponses.send(exchange, history);
        }
    }

    /**
     * The held bars, preceded by those the journal gives before the seam when {@code from} is older;
     * null when the request has been answered instead (too many records: 400; too many reads: 503).
     */
    private BarHistory withJournal(final HttpServerExchange exchange, final Map<String, Deque<String>> query,
        final Instrument instrument, final int interval, final long fromNs, final long toNs, final int limit)
    {
        final BarHistoryReader.Plan plan = reader.plan(instrument, interval, fromNs, toNs, limit);
        if (plan.records() > reader.maxJournalRecords())
        {
            JsonResponses.sendError(exchange, StatusCodes.BAD_REQUEST,
                "from=" + parameter(query, "from") + ": the bars before " + DayWindow.instant(plan.seamNs()) +
                " (the oldest the server keeps in memory) are read from the journal, and this range holds " +
                plan.records() + " journal records (all instruments) before it; one request reads at most " +
                reader.maxJournalRecords() + " (barsJournalRecords): ask for a later from, or use ticker bars");
            return null;
        }
        final Supplier<BarHistory> read = () -> reader.answer(plan, instrument, interval, limit);
        return plan.records() == 0 ? read.get() : whenJournalReadFree(exchange, "from=" + parameter(query, "from"), read);
    }

    /**
     * A page back from {@code to} (no {@code from}): the held bars before it, preceded by those the
     * newest journal records before it give when the held ones are fewer than {@code limit}; null
     * when the request has been answered instead (no whole bar in the records a request may read:
     * 400; too many reads: 503).
     */
    private BarHistory pagedBack(final HttpServerExchange exchange, final Map<String, Deque<String>> query,
        final Instrument instrument, final int interval, final String intervalName, final long toNs, final int limit)
    {
        final BarHistoryReader.Plan page = reader.planPageBack(instrument, interval, toNs, limit);
        if (page.holdsNoWholeBar())
        {
            JsonResponses.sendError(exchange, StatusCodes.BAD_REQUEST,
                "to=" + parameter(query, "to") + ": the bars before " + DayWindow.instant(page.readEndNs()) +
                " are read from the journal, and the " + intervalName + " bar before it needs " + page.neededRecords() +
                " journal records (all instruments); one request reads at most " + reader.maxJournalRecords() +
                " (barsJournalRecords): ask for a shorter interval, or use ticker bars");
            return null;
        }
        final Supplier<BarHistory> read = () -> reader.answer(page, instrument, interval, limit);
        return page.records() == 0 ? read.get() : whenJournalReadFree(exchange, "to=" + parameter(query, "to"), read);
    }

    /**
     * Runs a read of the journal unless as many run already ({@link #JOURNAL_READS_AT_ONCE}); then
     * null, having answered 503 with Retry-After.
     *
     * @param asked the parameter that made the request read the journal, as given ({@code from=...}), for the answer.
     */
    private BarHistory whenJournalReadFree(final HttpServerExchange exchange, final String asked, final Supplier<BarHistory> read)
    {
        if (!journalReads.tryAcquire())
        {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            JsonResponses.sendError(exchange, StatusCodes.SERVICE_UNAVAILABLE,
                asked + ": " + JOURNAL_READS_AT_ONCE + " request(s) already read bars from the journal, as many as run at once; " +
                "try again shortly");
            return null;
        }
        try
        {
            return read.get();
        }
        finally
        {
            journalReads.release();
        }
    }

    /** decimals=true: prices as decimal strings ({@link DecimalPrices}); false or absent: integer price units. */
    private static boolean decimals(final Map<String, Deque<String>> query)
    {
        final String value = parameter(query, "decimals");
        if (null == value || value.equals("false"))
        {
            return false;
        }
        if (value.equals("true"))
        {
            return true;
        }
        throw new IllegalArgumentException("decimals=" + value + ": expected true (prices as decimal strings) or false (integer price units)");
    }

    private static int limit(final Map<String, Deque<String>> query, final int maxLimit)
    {
        final String value = parameter(query, "limit");
        if (null == value)
        {
            return DEFAULT_LIMIT;
        }
        try
        {
            final int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= maxLimit)
            {
                return limit;
            }
        }
        catch (final NumberFormatException ex)
        {
            // answered below
        }
        throw new IllegalArgumentException("limit=" + value + ": expected a whole number from 1 to " + maxLimit +
            " (maxBarsPerRequest)");
    }

    /**
     * A time by the project's one rule ({@link TimeParser}, docs/times.md): ISO-8601 with an offset or
     * zone, a local date-time or date in the instrument's time zone, or an integer in the one unit
     * (s, ms, us, ns) that puts it between 1990 and 2100.
     */
    static long time(final Map<String, Deque<String>> query, final String name, final ZoneId zone, final long absent)
    {
        final String value = parameter(query, name);
        if (null == value || value.isEmpty())
        {
            return absent;
        }
        try
        {
            return TimeParser.epochNs(value, zone, null);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(name + "=" + value + ": " + ex.getMessage() +
                " (a time without offset is in the instrument's time zone)", ex);
        }
    }

    private static String parameter(final Map<String, Deque<String>> query, final String name)
    {
        final Deque<String> values = query.get(name);
        return null == values || values.isEmpty() ? null : values.getFirst();
    }
}
