package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.InstrumentSnapshot;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.server.TickerServer;
import dev.ticker.server.WebSocketTestClient;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.simulator.FeedSimulator;
import dev.ticker.simulator.SimulatorConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path for real: the simulator writes a journal in a temp folder, the server tails it on
 * a free port, and a real WebSocket client subscribes to two symbols.
 */
@Timeout(120)
class EndToEndTest
{
    private static final int TICKS_TO_RECEIVE = 2_000;

    @TempDir
    Path dir;

    @Test
    void shouldDeliverExactlyTheJournalTicksOfTheSubscribedSymbolsInContiguousFrames() throws Exception
    {
        try (TickJournal journal = TickJournal.open(dir.resolve("journal"));
            FeedSimulator feed = FeedSimulator.start(journal, new SimulatorConfiguration().rate(20_000).seed(7));
            TickerServer server = TickerServer.start(new ServerConfiguration().port(0).flushIntervalMs(5).heartbeatIntervalMs(20), journal);
            WebSocketTestClient client = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws")))
        {
            final InstrumentCatalog catalog = journal.instruments();
            final Set<Integer> wanted = Set.of(catalog.bySymbol("AAPL").getId(), catalog.bySymbol("MSFT").getId());

            client.send(ClientMessage.newBuilder()
                .setSubscribe(Subscribe.newBuilder().setRequestId(1).addSymbols("AAPL").addSymbols("MSFT"))
                .build());
            final ServerMessage ack = client.next();
            assertEquals(List.of("AAPL", "MSFT"), ack.getSubscribed().getSymbolsList(), ack.toString());
            final ServerMessage snapshot = client.next();
            assertTrue(snapshot.getSnapshot().getComplete(), snapshot.toString());
            assertEquals(Set.of("AAPL", "MSFT"), Set.copyOf(snapshot.getSnapshot().getInstrumentsList().stream()
                .map(InstrumentSnapshot::getInstrument).map(i -> i.getSymbol()).toList()));
            assertEquals(ack.getSubscribed().getEffectiveSequence(), snapshot.getSnapshot().getAsOfSequence() + 1);

            // Receive until enough ticks arrived, checking that each frame starts where the last ended.
            final List<long[]> received = new ArrayList<>();
            long covered = -1;
            int frames = 0;
            while (received.size() < TICKS_TO_RECEIVE)
            {
                final ServerMessage message = client.nextAny();
                if (message.hasHeartbeat())
                {
                    covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
                    continue;
                }
                assertTrue(message.hasData(), message.toString());
                final DataBatch batch = message.getData();
                if (covered >= 0)
                {
                    assertEquals(covered + 1, batch.getFirstSequence(), "frame " + frames + " leaves no gap");
                }
                assertTrue(batch.getLastSequence() >= batch.getFirstSequence());
                for (final dev.ticker.proto.v1.Tick tick : batch.getTicksList())
                {
                    if (tick.hasStatus())
                    {
                        // trading status changes (the open, a halt) are compared as trades and quotes are below
                        received.add(new long[] {tick.getStatus().getSequence(), tick.getStatus().getInstrumentId(), 0, 0});
                        assertTrue(wanted.contains(tick.getStatus().getInstrumentId()), "only AAPL and MSFT");
                        continue;
                    }
                    final long[] fields = tick.hasTrade() ?
                        new long[] {tick.getTrade().getSequence(), tick.getTrade().getInstrumentId(), tick.getTrade().getPrice(), tick.getTrade().getSize()} :
                        new long[] {tick.getQuote().getSequence(), tick.getQuote().getInstrumentId(), tick.getQuote().getBidPrice(), tick.getQuote().getAskPrice()};
                    assertTrue(wanted.contains((int)fields[1]), "only AAPL and MSFT, got instrument " + fields[1]);
                    assertTrue(fields[0] >= batch.getFirstSequence() && fields[0] <= batch.getLastSequence(), "tick inside its frame's range");
                    received.add(fields);
                }
                covered = batch.getLastSequence();
                frames++;
            }
            // The journal is the truth: every tick of the two symbols from the subscription on, in
            // order, no more and no less.
            final long effective = ack.getSubscribed().getEffectiveSequence();
            final List<long[]> expected = new ArrayList<>();
            try (TickTailer tailer = journal.tailer())
            {
                assertTrue(tailer.moveToSequence(effective));
                final Tick tick = new Tick();
                while (tailer.readNext(tick) && tick.sequence <= covered)
                {
                    if (wanted.contains(tick.instrumentId))
                    {
                        expected.add(tick.isTrade() ?
                            new long[] {tick.sequence, tick.instrumentId, tick.price, tick.size} :
                            new long[] {tick.sequence, tick.instrumentId, tick.price, tick.askPrice});
                    }
                }
            }
            assertEquals(expected.size(), received.size(), "as many ticks as the journal holds for AAPL and MSFT");
            for (int i = 0; i < expected.size(); i++)
            {
                assertEquals(List.of(expected.get(i)[0], expected.get(i)[1], expected.get(i)[2], expected.get(i)[3]),
                    List.of(received.get(i)[0], received.get(i)[1], received.get(i)[2], received.get(i)[3]), "tick " + i);
            }
            assertEquals(0, server.counters().journalGaps());
            assertEquals(0, server.agentErrorCount());
            assertEquals(0, feed.errorCount());
        }
    }

    @Test
    void shouldServeTheDashboardAndHealthOnTheSamePort() throws Exception
    {
        try (TickJournal journal = TickJournal.open(dir.resolve("journal"));
            TickerServer server = TickerServer.start(new ServerConfiguration().port(0), journal))
        {
            final HttpClient http = HttpClient.newHttpClient();
            final HttpResponse<String> index = http.send(
                HttpRequest.newBuilder(URI.create(server.url())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("<title>"), "the dashboard's index.html");
            assertTrue(index.headers().firstValue("content-type").orElse("").startsWith("text/html"));

            final HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create(server.adminUrl() + "health")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }
}
