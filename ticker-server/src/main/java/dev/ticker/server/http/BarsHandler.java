package dev.ticker.server.http;

import dev.ticker.server.security.RequestAccess;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.server.bars.BarIntervals;
import dev.ticker.server.bars.BarStore;
import dev.ticker.server.bars.DayWindow;
import dev.ticker.server.metrics.ServerCounters;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/bars?symbol=&interval=&from=&to=&limit=}: the bars of one instrument and
 * interval starting in [from, to), the newest {@code limit} of them, oldest first, as
 * {@code BarHistory} in the proto3 JSON mapping, with the last journal sequence they include.
 * Read from the {@link BarStore} the stream agent keeps, on a worker thread, without ever blocking
 * the agent. A bad parameter gets 400 and an unknown symbol 404, each with a JSON error saying what
 * and why; while the server is still warming up at start, 503 with Retry-After.
 */
public final class BarsHandler implements HttpHandler
{
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5_000;
    private static final Pattern EPOCH_MS = Pattern.compile("-?\\d{1,19}");
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final TickJournal journal;
    private final BarStore bars;
    private final ServerCounters counters;

    public BarsHandler(final TickJournal journal, final BarStore bars, final ServerCounters counters)
    {
        this.journal = journal;
        this.bars = bars;
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
        try
        {
            fromNs = time(query, "from", zone, Long.MIN_VALUE);
            toNs = time(query, "to", zone, Long.MAX_VALUE);
            limit = limit(query);
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
        JsonResponses.send(exchange, bars.history(instrument, interval, fromNs, toNs, limit));
    }

    private static int limit(final Map<String, Deque<String>> query)
    {
        final String value = parameter(query, "limit");
        if (null == value)
        {
            return DEFAULT_LIMIT;
        }
        try
        {
            final int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT)
            {
                return limit;
            }
        }
        catch (final NumberFormatException ex)
        {
            // answered below
        }
        throw new IllegalArgumentException("limit=" + value + ": expected a whole number from 1 to " + MAX_LIMIT);
    }

    /**
     * A time as epoch milliseconds, an ISO-8601 instant or date-time with offset
     * (2026-11-20T14:30:00Z), a local date-time or a date (in the instrument's time zone).
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
            final Instant instant;
            if (EPOCH_MS.matcher(value).matches())
            {
                return Math.multiplyExact(Long.parseLong(value), NANOS_PER_MILLI);
            }
            else if (value.length() == 10)
            {
                instant = LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            else if (value.endsWith("Z") || value.lastIndexOf('+') > 10 || value.lastIndexOf('-') > 10)
            {
                instant = OffsetDateTime.parse(value).toInstant();
            }
            else
            {
                instant = LocalDateTime.parse(value).atZone(zone).toInstant();
            }
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        catch (final DateTimeParseException | ArithmeticException | NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + "=" + value + ": expected epoch milliseconds or an ISO-8601 time " +
                "(2026-11-20T14:30:00Z, 2026-11-20T09:30:00-05:00, or 2026-11-20T09:30 and 2026-11-20 in the instrument's time zone)", ex);
        }
    }

    private static String parameter(final Map<String, Deque<String>> query, final String name)
    {
        final Deque<String> values = query.get(name);
        return null == values || values.isEmpty() ? null : values.getFirst();
    }
}
