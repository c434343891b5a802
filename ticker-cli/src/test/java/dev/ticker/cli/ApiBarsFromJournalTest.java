package dev.ticker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.Bar;
import dev.ticker.proto.v1.BarHistory;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.server.TickerServer;
import dev.ticker.server.WebSocketTestClient;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/bars} for bars older than the server keeps in memory: read from the journal with the
 * bar code of {@code ticker bars}, joined to the held bars without a gap or a duplicate, bounded by
 * {@code barsJournalRecords}, and never in the way of streaming. Two generated days; the server
 * warms up from the second day only and keeps 30 bars, so the first day and most of the second are
 * only in the journal.
 */
@Timeout(180)
class ApiBarsFromJournalTest
{
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(60);
    private static final String FROM = "2026-11-19T00:00:00Z";
    private static final String TO = "2026-11-21T00:00:00Z";
    private static final int HELD_BARS = 30;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path data;

    private int run(final String... args)
    {
        return TickerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @BeforeEach
    void generateTwoDays()
    {
        data = dir.resolve("data");
        assertEquals(0, run("generate", "--date", "2026-11-19", "--days", "2", "--out", data.toString(), "--activity", "0.003"),
            err.toString());
    }

    private ServerConfiguration configuration()
    {
        return new ServerConfiguration().port(0).warmUpDays(0).barHistoryLimit(HELD_BARS);
    }

    @Test
    void shouldServeBarsFromBeforeTheWarmUpEqualToTickerBarsWithNoGapOrDuplicateAtTheSeam() throws Exception
    {
        try (TickJournal journal = TickJournal.open(data.resolve("journal"));
            TickerServer server = TickerServer.start(configuration(), journal))
        {
            for (final String interval : List.of("1m", "1d"))
            {
                final List<JsonNode> expected = tickerBars(interval);
                final BarHistory history = history(server, "symbol=AAPL&interval=" + interval + "&limit=5000&from=" + FROM + "&to=" + TO);
                assertEquals(expected.size(), history.getBarsCount(), interval + ": the same bars as ticker bars");
                assertTrue(expected.size() > (interval.equals("1d") ? 1 : HELD_BARS), interval + ": more than the server holds");
                final long warmUpNs = epochNs("2026-11-20T00:00:00Z");
                assertTrue(history.getBars(0).getStartTimeNs() < warmUpNs, interval + ": starts before the warm-up");
                assertTrue(history.getBars(history.getBarsCount() - 1).getStartTimeNs() >= warmUpNs, interval + ": ends in memory");
                for (int i = 0; i < expected.size(); i++)
                {
                    final Bar bar = history.getBars(i);
                    final JsonNode exported = expected.get(i);
                    assertSameBar(exported, bar, interval + " bar " + i + " " + Instant.ofEpochSecond(0, bar.getStartTimeNs()));
                }
            }
        }
    }

    @Test
    void shouldAnswer400NamingTheLimitWhenARangeNeedsMoreJournalRecordsThanARequestMayRead() throws Exception
    {
        try (TickJournal journal = TickJournal.open(data.resolve("journal"));
            TickerServer server = TickerServer.start(configuration().barsJournalRecords(1_000), journal))
        {
            history(server, "symbol=AAPL&interval=1m");
            final HttpResponse<String> tooOld = get(server, "symbol=AAPL&interval=1m&from=" + FROM);
            assertEquals(400, tooOld.statusCode(), tooOld.body());
            assertTrue(tooOld.body().contains("one request reads at most 1000 (barsJournalRecords)"), tooOld.body());
            assertTrue(tooOld.body().contains("from=" + FROM), tooOld.body());

            final HttpResponse<String> tooMany = get(server, "symbol=AAPL&interval=1m&limit=5001");
            assertEquals(400, tooMany.statusCode(), tooMany.body());
            assertTrue(tooMany.body().contains("limit=5001: expected a whole number from 1 to 5000 (maxBarsPerRequest)"), tooMany.body());
        }
    }

    @Test
    void shouldKeepStreamingWhileALargeBarsRequestReadsTheJournal() throws Exception
    {
        try (TickJournal journal = TickJournal.open(data.resolve("journal"));
            TickerServer server = TickerServer.start(configuration(), journal);
            WebSocketTestClient client = WebSocketTestClient.connect(URI.create(server.url().replace("http", "ws") + "ws")))
        {
            history(server, "symbol=AAPL&interval=1m");
            client.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build());
            assertTrue(client.nextMatching(ServerMessage::hasSubscribed).getSubscribed().getAll());
            final TickAppender appender = journal.appender();
            final long headTimeNs = epochNs(TO) - 1;

            final List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
            for (final String symbol : List.of("AAPL", "MSFT", "AAPL", "MSFT"))
            {
                requests.add(HttpClient.newHttpClient().sendAsync(request(server,
                    "symbol=" + symbol + "&interval=1s&limit=5000&from=" + FROM + "&to=" + TO), HttpResponse.BodyHandlers.ofString()));
            }
            // trades appended while the requests run reach the subscriber, one after the other
            int delivered = 0;
            do
            {
                final long sequence = appender.appendTrade(headTimeNs, 0, 2_284_500, 100, TickDescriptor.SIDE_BUY);
                final ServerMessage frame = client.nextMatching(message -> message.hasData() &&
                    message.getData().getLastSequence() >= sequence);
                assertTrue(frame.getData().getTicksList().stream().anyMatch(tick -> tick.getTrade().getSequence() == sequence), frame.toString());
                delivered++;
            }
            while (requests.stream().anyMatch(request -> !request.isDone()) && delivered < 10_000);
            assertTrue(delivered >= 1);
            // as many as half the cores read the journal at once; the others are told to come back
            int answered = 0;
            for (final CompletableFuture<HttpResponse<String>> request : requests)
            {
                final HttpResponse<String> response = request.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 503)
                {
                    assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
                    assertTrue(response.body().contains("already read bars from the journal, as many as run at once"), response.body());
                    continue;
                }
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(parse(response.body()).getBarsCount() > HELD_BARS, "bars from the journal");
                answered++;
            }
            assertTrue(answered >= 1, "at least one large request ran");
        }
    }

    private List<JsonNode> tickerBars(final String interval) throws Exception
    {
        final Path json = dir.resolve("bars-" + interval + ".json");
        assertEquals(0, run("bars", "--journal", data.toString(), "--interval", interval, "--symbols", "AAPL", "--format", "json",
            "--from", FROM, "--to", TO, "--out", json.toString()), err.toString());
        final List<JsonNode> bars = new ArrayList<>();
        for (final String line : Files.readAllLines(json))
        {
            bars.add(new ObjectMapper().readTree(line));
        }
        return bars;
    }

    /** An AAPL bar of /api/bars has every value of the bar {@code ticker bars --format json} exported. */
    static void assertSameBar(final JsonNode exported, final Bar bar, final String where)
    {
        assertEquals(exported.get("start_ns").asLong(), bar.getStartTimeNs(), where);
        assertEquals(units(exported.get("open")), bar.getOpen(), where);
        assertEquals(units(exported.get("high")), bar.getHigh(), where);
        assertEquals(units(exported.get("low")), bar.getLow(), where);
        assertEquals(units(exported.get("close")), bar.getClose(), where);
        assertEquals(exported.get("volume").asLong(), bar.getVolume(), where);
        assertEquals(exported.get("trade_count").asLong(), bar.getTradeCount(), where);
        assertEquals(exported.get("last_sequence").asLong(), bar.getLastSequence(), where);
    }

    private static long units(final JsonNode price)
    {
        // AAPL has four price decimals in the demo universe
        return price.decimalValue().movePointRight(4).longValueExact();
    }

    private static long epochNs(final String iso)
    {
        final Instant instant = Instant.parse(iso);
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    private static HttpRequest request(final TickerServer server, final String query)
    {
        return HttpRequest.newBuilder(URI.create(server.url() + "api/bars?" + query)).build();
    }

    static HttpResponse<String> get(final TickerServer server, final String query) throws Exception
    {
        return HttpClient.newHttpClient().send(request(server, query), HttpResponse.BodyHandlers.ofString());
    }

    private static BarHistory parse(final String body) throws Exception
    {
        final BarHistory.Builder history = BarHistory.newBuilder();
        JsonFormat.parser().merge(body, history);
        return history.build();
    }

    /** /api/bars once the server has read the journal's past, and again after a 503 for a journal read at once. */
    static BarHistory history(final TickerServer server, final String query) throws Exception
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (true)
        {
            final HttpResponse<String> response = get(server, query);
            if (response.statusCode() == 200)
            {
                return parse(response.body());
            }
            assertEquals(503, response.statusCode(), response.body());
            assertTrue(System.nanoTime() - deadline < 0, "the server answered within a minute: " + response.body());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
