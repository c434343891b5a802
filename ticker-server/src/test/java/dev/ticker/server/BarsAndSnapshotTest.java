package dev.ticker.server;

import com.google.protobuf.util.JsonFormat;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.Bar;
import dev.ticker.proto.v1.BarHistory;
import dev.ticker.proto.v1.BarInterval;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DayStats;
import dev.ticker.proto.v1.InstrumentList;
import dev.ticker.proto.v1.InstrumentSnapshot;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.proto.v1.Tick;
import dev.ticker.proto.v1.TradingStatus;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots, live bars and the bar history of a server started over a journal of two trading days,
 * compared with what the journal says, recomputed independently.
 */
@Timeout(120)
class BarsAndSnapshotTest
{
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** 2025-11-19T14:30:00Z, 09:30 in New York: the first day's open. */
    private static final long DAY_ONE_OPEN_NS = Instant.parse("2025-11-19T14:30:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long DAY_NS = TimeUnit.DAYS.toNanos(1);
    private static final int AAA = 0;
    private static final Set<BarInterval> INTERVALS = EnumSet.range(BarInterval.BAR_INTERVAL_1S, BarInterval.BAR_INTERVAL_1D);

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;
    private final SplittableRandom random = new SplittableRandom(3);
    private long timeNs;
    private long price = 10_000;

    @BeforeEach
    void start() throws InterruptedException
    {
        fixture = new JournalFixture(dir);
        timeNs = DAY_ONE_OPEN_NS;
        writeSession(1_500);
        timeNs = DAY_ONE_OPEN_NS + DAY_NS;
        writeSession(700);
        fixture.appender.appendStatus(timeNs += 1_000_000, AAA, TickDescriptor.STATUS_HALTED);
        writeSession(300);
        fixture.appender.appendStatus(timeNs += 1_000_000, AAA, TickDescriptor.STATUS_TRADING);
        writeSession(100);
        // started after the journal was written: everything it knows comes from the warm-up
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(50), fixture.journal);
        assertTrue(server.counters().awaitWarmUp(30, TimeUnit.SECONDS), "warmed up");
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldSnapshotLastValuesStatusDayStatsAndCurrentBarsRebuiltFromTheJournal()
    {
        try (WebSocketTestClient client = connect())
        {
            client.send(subscribe(1, "AAA", INTERVALS));
            final long head = fixture.appender.lastSequence();
            assertEquals(head + 1, client.next().getSubscribed().getEffectiveSequence());
            final ServerMessage message = client.next();
            assertEquals(head, message.getSnapshot().getAsOfSequence());
            final InstrumentSnapshot snapshot = message.getSnapshot().getInstruments(0);

            final List<Tick> ticks = JournalTruth.ticks(fixture.journal, 1, head, Set.of(AAA));
            final Tick lastTrade = ticks.stream().filter(Tick::hasTrade).reduce((a, b) -> b).orElseThrow();
            final Tick lastQuote = ticks.stream().filter(Tick::hasQuote).reduce((a, b) -> b).orElseThrow();
            assertEquals(lastTrade.getTrade(), snapshot.getLastTrade());
            assertEquals(lastQuote.getQuote(), snapshot.getBestQuote());
            assertEquals(TradingStatus.TRADING_STATUS_TRADING, snapshot.getStatus());
            assertEquals(2, snapshot.getInstrument().getPriceDecimals(), "instrument facts come with it");
            assertEquals("America/New_York", snapshot.getInstrument().getTimeZone());

            // the day: 2025-11-20 in New York; its previous close is the first day's last trade
            final long dayTwoStart = JournalTruth.startOf(BarInterval.BAR_INTERVAL_1D, NEW_YORK, DAY_ONE_OPEN_NS + DAY_NS);
            final List<Tick> dayTwo = ticks.stream().filter(t -> t.hasTrade() && t.getTrade().getEventTimeNs() >= dayTwoStart).toList();
            final long previousClose = ticks.stream()
                .filter(t -> t.hasTrade() && t.getTrade().getEventTimeNs() < dayTwoStart)
                .reduce((a, b) -> b).orElseThrow().getTrade().getPrice();
            final DayStats expectedDay = DayStats.newBuilder()
                .setDate("2025-11-20")
                .setOpen(dayTwo.get(0).getTrade().getPrice())
                .setHigh(dayTwo.stream().mapToLong(t -> t.getTrade().getPrice()).max().orElseThrow())
                .setLow(dayTwo.stream().mapToLong(t -> t.getTrade().getPrice()).min().orElseThrow())
                .setClose(lastTrade.getTrade().getPrice())
                .setVolume(dayTwo.stream().mapToLong(t -> t.getTrade().getSize()).sum())
                .setTradeCount(dayTwo.size())
                .setPreviousClose(previousClose)
                .setChange(lastTrade.getTrade().getPrice() - previousClose)
                .build();
            assertEquals(expectedDay, snapshot.getDay());

            assertEquals(INTERVALS.size(), snapshot.getCurrentBarsCount());
            for (final Bar bar : snapshot.getCurrentBarsList())
            {
                final List<Bar> expected = new ArrayList<>(JournalTruth.bars(fixture.journal, AAA, bar.getInterval(), NEW_YORK, head).values());
                assertEquals(expected.get(expected.size() - 1), bar, "bar in progress at " + bar.getInterval());
            }
        }
    }

    @Test
    void shouldServeBarHistoryEqualToBarsRecomputedFromTheJournal() throws Exception
    {
        final long head = fixture.appender.lastSequence();
        for (final BarInterval interval : INTERVALS)
        {
            final BarHistory history = history("symbol=AAA&interval=" + name(interval) + "&limit=5000");
            final List<Bar> expected = new ArrayList<>(JournalTruth.bars(fixture.journal, AAA, interval, NEW_YORK, head).values());
            assertTrue(expected.size() > 1, interval + ": several bars");
            assertEquals(expected, history.getBarsList(), "history of " + interval);
            assertEquals(head, history.getLastSequence());
            assertEquals("AAA", history.getInstrument().getSymbol());
            assertEquals(interval, history.getInterval());
        }

        // the newest `limit` bars of a range, oldest first
        final List<Bar> minutes = new ArrayList<>(JournalTruth.bars(fixture.journal, AAA, BarInterval.BAR_INTERVAL_1M, NEW_YORK, head).values());
        final long fromMs = minutes.get(10).getStartTimeNs() / 1_000_000;
        final String to = Instant.ofEpochSecond(minutes.get(30).getStartTimeNs() / 1_000_000_000L).toString();
        final BarHistory range = history("symbol=AAA&interval=1m&from=" + fromMs + "&to=" + to + "&limit=5");
        assertEquals(minutes.subList(25, 30), range.getBarsList());
    }

    @Test
    void shouldStitchHistoryAndLiveBarsWithoutAGap() throws Exception
    {
        try (WebSocketTestClient client = connect())
        {
            client.send(subscribe(1, "AAA", EnumSet.of(BarInterval.BAR_INTERVAL_1S, BarInterval.BAR_INTERVAL_1M)));
            long covered = client.next().getSubscribed().getEffectiveSequence() - 1;
            final Map<String, Bar> live = new HashMap<>();
            for (final Bar bar : client.next().getSnapshot().getInstruments(0).getCurrentBarsList())
            {
                live.put(bar.getInterval() + "@" + bar.getStartTimeNs(), bar);
            }

            BarHistory seconds = null;
            BarHistory minutes = null;
            for (int round = 0; round < 6; round++)
            {
                writeSession(150);
                if (round == 2)
                {
                    // history in the middle of live updates
                    seconds = history("symbol=AAA&interval=1s&limit=5000");
                    minutes = history("symbol=AAA&interval=1m&limit=5000");
                }
                final long head = fixture.appender.lastSequence();
                while (covered < head)
                {
                    final ServerMessage message = client.nextAny();
                    if (message.hasData())
                    {
                        assertEquals(covered + 1, message.getData().getFirstSequence());
                        covered = message.getData().getLastSequence();
                        for (final Bar bar : message.getData().getBarsList())
                        {
                            assertTrue(bar.getLastSequence() <= covered, "a bar is sent as of its frame");
                            live.merge(bar.getInterval() + "@" + bar.getStartTimeNs(), bar,
                                (a, b) -> b.getLastSequence() >= a.getLastSequence() ? b : a);
                        }
                    }
                    else if (message.hasHeartbeat())
                    {
                        covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
                    }
                }
            }
            final long head = fixture.appender.lastSequence();
            for (final BarHistory history : List.of(seconds, minutes))
            {
                final Map<Long, Bar> stitched = new TreeMap<>();
                for (final Bar bar : history.getBarsList())
                {
                    stitched.put(bar.getStartTimeNs(), bar);
                }
                for (final Bar bar : live.values())
                {
                    if (bar.getInterval() == history.getInterval() && bar.getLastSequence() > history.getLastSequence())
                    {
                        stitched.put(bar.getStartTimeNs(), bar);
                    }
                }
                final List<Bar> expected = new ArrayList<>(JournalTruth.bars(fixture.journal, AAA, history.getInterval(), NEW_YORK, head).values());
                assertEquals(expected, new ArrayList<>(stitched.values()), "history + live = journal at " + history.getInterval());
            }
        }
    }

    @Test
    void shouldAnswerPricesAsExactDecimalStringsWhenAsked() throws Exception
    {
        final HttpResponse<String> units = get("/api/bars?symbol=AAA&interval=1m&limit=5000");
        final HttpResponse<String> decimals = get("/api/bars?symbol=AAA&interval=1m&limit=5000&decimals=true");
        assertEquals(200, decimals.statusCode(), decimals.body());
        final BarHistory history = history("symbol=AAA&interval=1m&limit=5000");
        final int scale = history.getInstrument().getPriceDecimals();
        final java.util.regex.Pattern price = java.util.regex.Pattern.compile("\"(open|high|low|close)\": \"([-0-9.]+)\"");
        final java.util.regex.Matcher inUnits = price.matcher(units.body());
        final java.util.regex.Matcher inDecimals = price.matcher(decimals.body());
        int prices = 0;
        while (inUnits.find())
        {
            assertTrue(inDecimals.find(), "as many prices");
            assertEquals(inUnits.group(1), inDecimals.group(1));
            assertEquals(java.math.BigDecimal.valueOf(Long.parseLong(inUnits.group(2)), scale).toPlainString(), inDecimals.group(2));
            prices++;
        }
        assertFalse(inDecimals.find());
        assertEquals(4 * history.getBarsCount(), prices, "open, high, low and close of every bar");
        assertTrue(prices > 0);
        assertError(400, "decimals=yes: expected true", "symbol=AAA&interval=1m&decimals=yes");
    }

    @Test
    void shouldAnswerBadBarRequestsWithAPreciseErrorAndListTheInstruments() throws Exception
    {
        assertError(400, "symbol is missing", "interval=1m");
        assertError(400, "interval=2m: not an interval", "symbol=AAA&interval=2m");
        assertError(404, "symbol=NOPE: not in the journal's instrument catalogue", "symbol=NOPE&interval=1m");
        assertError(400, "from=yesterday: expected an ISO-8601 time", "symbol=AAA&interval=1m&from=yesterday");
        assertError(400, "limit=0: expected a whole number from 1 to 5000", "symbol=AAA&interval=1m&limit=0");
        assertError(400, "is not before", "symbol=AAA&interval=1m&from=2025-11-20&to=2025-11-19");

        final HttpResponse<String> response = get("/api/instruments");
        assertEquals(200, response.statusCode());
        final InstrumentList.Builder list = InstrumentList.newBuilder();
        JsonFormat.parser().merge(response.body(), list);
        assertEquals(JournalFixture.SYMBOLS, list.getInstrumentsList().stream().map(i -> i.getSymbol()).toList());
        assertEquals("America/New_York", list.getInstruments(0).getTimeZone());
        assertFalse(server.counters().warmingUp());
    }

    private void assertError(final int status, final String message, final String query) throws Exception
    {
        final HttpResponse<String> response = get("/api/bars?" + query);
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"error\": \"") && response.body().contains(message), response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    }

    /** Trades and quotes of AAA and BBB a few seconds apart, with a random walk of the price. */
    private void writeSession(final int ticks)
    {
        for (int i = 0; i < ticks; i++)
        {
            timeNs += TimeUnit.MILLISECONDS.toNanos(1 + random.nextInt(9_000));
            price = Math.max(100, price + random.nextInt(-20, 21));
            final int instrument = random.nextInt(4) == 0 ? 1 : AAA;
            if (random.nextBoolean())
            {
                fixture.appender.appendTrade(timeNs, instrument, price, 1 + random.nextInt(500), TickDescriptor.SIDE_BUY);
            }
            else
            {
                fixture.appender.appendQuote(timeNs, instrument, price - 1, 10, price + 1, 12);
            }
        }
    }

    private BarHistory history(final String query) throws Exception
    {
        final HttpResponse<String> response = get("/api/bars?" + query);
        assertEquals(200, response.statusCode(), response.body());
        final BarHistory.Builder history = BarHistory.newBuilder();
        JsonFormat.parser().merge(response.body(), history);
        return history.build();
    }

    private HttpResponse<String> get(final String path) throws Exception
    {
        return HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static String name(final BarInterval interval)
    {
        return interval.name().substring("BAR_INTERVAL_".length()).toLowerCase(Locale.ROOT);
    }

    private static ClientMessage subscribe(final int requestId, final String symbol, final Set<BarInterval> intervals)
    {
        return ClientMessage.newBuilder()
            .setSubscribe(Subscribe.newBuilder().setRequestId(requestId).addSymbols(symbol).addAllBarIntervals(intervals))
            .build();
    }

    private WebSocketTestClient connect()
    {
        return WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    }
}
