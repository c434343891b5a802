package dev.ticker.server;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.proto.v1.Tick;
import dev.ticker.proto.v1.Unsubscribe;
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
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server on a real port over a real journal, driven by a real WebSocket client. */
@Timeout(60)
class TickerServerTest
{
    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        fixture.append(10);
        // frequent heartbeats: they interleave with everything else, as they may in production
        server = TickerServer.start(
            new ServerConfiguration().port(0).maxInboundMessageBytes(1024).heartbeatIntervalMs(10), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldStreamOnlySubscribedSymbolsAfterAckAndSnapshot()
    {
        try (WebSocketTestClient client = connect())
        {
            client.send(subscribe(5, "BBB"));
            final ServerMessage ack = client.next();
            assertTrue(ack.hasSubscribed(), ack.toString());
            assertEquals(5, ack.getSubscribed().getRequestId());
            assertEquals(List.of("BBB"), ack.getSubscribed().getSymbolsList());
            assertEquals(11, ack.getSubscribed().getEffectiveSequence(), "live starts after the head at subscribe time");

            final ServerMessage snapshot = client.next();
            assertTrue(snapshot.hasSnapshot(), snapshot.toString());
            assertTrue(snapshot.getSnapshot().getComplete());
            assertEquals(10, snapshot.getSnapshot().getAsOfSequence());
            assertEquals("BBB", snapshot.getSnapshot().getInstruments(0).getInstrument().getSymbol());

            fixture.append(30);
            int bbbTicks = 0;
            long covered = 10;
            while (covered < 40)
            {
                final ServerMessage message = client.nextAny();
                if (message.hasHeartbeat())
                {
                    covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
                    continue;
                }
                final DataBatch batch = message.getData();
                assertEquals(covered + 1, batch.getFirstSequence(), "contiguous ranges");
                for (final Tick tick : batch.getTicksList())
                {
                    final int instrument = tick.hasTrade() ? tick.getTrade().getInstrumentId() : tick.getQuote().getInstrumentId();
                    assertEquals(1, instrument, "only BBB (id 1)");
                    bbbTicks++;
                }
                covered = batch.getLastSequence();
            }
            assertEquals(10, bbbTicks, "every BBB tick of sequences 11..40");
        }
    }

    @Test
    void shouldAnnounceInstrumentsAddedLaterToClientsSubscribedToEverything()
    {
        try (WebSocketTestClient client = connect())
        {
            client.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build());
            assertTrue(client.next().getSubscribed().getAll());
            assertEquals(3, client.next().getSnapshot().getInstrumentsCount());

            InstrumentCatalog.load(dir).merge(List.of(Instrument.newBuilder().setSymbol("DDD").setPriceDecimals(2).build())).save(dir);
            final long sequence = fixture.appender.appendTrade(JournalFixture.BASE_TIME_NS, 3, 4_200, 10, TickDescriptor.SIDE_SELL);

            final ServerMessage snapshot = client.nextMatching(ServerMessage::hasSnapshot);
            assertEquals("DDD", snapshot.getSnapshot().getInstruments(0).getInstrument().getSymbol());
            assertEquals(3, snapshot.getSnapshot().getInstruments(0).getInstrument().getId());
            assertEquals(sequence - 1, snapshot.getSnapshot().getAsOfSequence());
            final DataBatch batch = client.nextMatching(ServerMessage::hasData).getData();
            assertEquals(4_200, batch.getTicks(batch.getTicksCount() - 1).getTrade().getPrice());
        }
    }

    @Test
    void shouldCloseAStalledClientAtItsBufferLimitWithoutHoldingUpOthers()
    {
        server.close();
        server = TickerServer.start(
            new ServerConfiguration().port(0).readBatchLimit(1024).maxSessionBufferBytes(1024 * 1024), fixture.journal);
        try (WebSocketTestClient stalled = connect(); WebSocketTestClient healthy = connect())
        {
            stalled.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build());
            stalled.nextMatching(ServerMessage::hasSnapshot);
            stalled.stopReading();
            healthy.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build());
            healthy.nextMatching(ServerMessage::hasSnapshot);

            // far more than the socket buffers between server and client can hold
            final long deadline = System.nanoTime() + WebSocketTestClient.TIMEOUT.toNanos();
            while (server.counters().slowConsumerCloses() == 0 && System.nanoTime() - deadline < 0)
            {
                fixture.append(10_000); // less than the healthy client's limit, which it drains before the next round
                long covered = 0;
                while (covered < fixture.appender.lastSequence())
                {
                    final ServerMessage message = healthy.nextAny();
                    covered = message.hasData() ? message.getData().getLastSequence() :
                        message.hasHeartbeat() ? Math.max(covered, message.getHeartbeat().getScannedSequence()) : covered;
                }
            }
            assertEquals(1, server.counters().slowConsumerCloses(), "the stalled client was closed");
            assertEquals(1, server.counters().errors(ErrorCode.ERROR_CODE_SLOW_CONSUMER));
            assertFalse(healthy.isClosed(), "the healthy client kept up and stays connected");
        }
    }

    @Test
    void shouldReportUnknownSymbolsAndStillSubscribeTheKnownOnes()
    {
        try (WebSocketTestClient client = connect())
        {
            client.send(subscribe(9, "AAA", "NOPE"));
            final ServerMessage error = client.next();
            assertEquals(ErrorCode.ERROR_CODE_UNKNOWN_SYMBOL, error.getError().getCode(), error.toString());
            assertEquals(9, error.getError().getRequestId());
            assertTrue(error.getError().getMessage().contains("NOPE"), error.getError().getMessage());
            assertEquals(List.of("AAA"), client.next().getSubscribed().getSymbolsList());

            client.send(ClientMessage.newBuilder().setUnsubscribe(Unsubscribe.newBuilder().setRequestId(10).addSymbols("AAA")).build());
            final ServerMessage ack = client.nextMatching(ServerMessage::hasSubscribed);
            assertEquals(10, ack.getSubscribed().getRequestId());
            assertEquals(0, ack.getSubscribed().getSymbolsCount());
            assertFalse(client.isClosed());
        }
    }

    @Test
    void shouldRejectAnEmptySubscribeWithoutClosing()
    {
        try (WebSocketTestClient client = connect())
        {
            client.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(3)).build());
            final ServerMessage error = client.next();
            assertEquals(ErrorCode.ERROR_CODE_INVALID_REQUEST, error.getError().getCode());
            client.send(subscribe(4, "CCC"));
            assertEquals(4, client.nextMatching(ServerMessage::hasSubscribed).getSubscribed().getRequestId());
        }
    }

    @Test
    void shouldIgnoreMessageTypesItDoesNotKnow()
    {
        try (WebSocketTestClient client = connect())
        {
            // field 15 of ClientMessage, a varint: a message type from a newer client
            client.sendBinary(new byte[] {(byte)0x78, 0x01});
            client.send(subscribe(1, "AAA"));
            assertEquals(1, client.next().getSubscribed().getRequestId(), "the unknown message got no answer");
        }
    }

    @Test
    void shouldCloseWith1007OnAMalformedBinaryMessageAndKeepServingOthers()
    {
        try (WebSocketTestClient good = connect(); WebSocketTestClient bad = connect())
        {
            good.send(subscribe(1, "AAA"));
            good.nextMatching(ServerMessage::hasSnapshot);

            bad.sendBinary(new byte[] {0x0A, 0x7F, 0x01});
            final ServerMessage error = bad.next();
            assertEquals(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE, error.getError().getCode());
            assertTrue(error.getError().getMessage().contains("3 bytes"), error.getError().getMessage());
            assertEquals(1007, bad.awaitCloseCode());

            fixture.append(3);
            assertTrue(good.nextMatching(ServerMessage::hasData).getData().getTicksCount() > 0, "the other client still gets data");
        }
    }

    @Test
    void shouldCloseWith1003OnATextFrame()
    {
        try (WebSocketTestClient client = connect())
        {
            client.sendText("{\"subscribe\":\"AAA\"}");
            assertEquals(ErrorCode.ERROR_CODE_UNSUPPORTED_FRAME, client.next().getError().getCode());
            assertEquals(1003, client.awaitCloseCode());
        }
    }

    @Test
    void shouldCloseWith1009OnAnOversizedMessage()
    {
        try (WebSocketTestClient client = connect())
        {
            final Subscribe.Builder huge = Subscribe.newBuilder().setRequestId(1);
            for (int i = 0; i < 200; i++)
            {
                huge.addSymbols("SYMBOL" + i);
            }
            client.send(ClientMessage.newBuilder().setSubscribe(huge).build());
            assertEquals(1009, client.awaitCloseCode());
        }
        try (WebSocketTestClient next = connect())
        {
            next.send(subscribe(2, "AAA"));
            assertEquals(2, next.next().getSubscribed().getRequestId(), "the server keeps accepting clients");
        }
    }

    @Test
    void shouldRefuseAWebSocketFromAForeignOrigin()
    {
        final CompletionException ex = assertThrows(CompletionException.class,
            () -> WebSocketTestClient.connect(wsUri(), Map.of("Origin", "http://evil.example")));
        assertInstanceOf(WebSocketHandshakeException.class, ex.getCause());
        assertEquals(403, ((WebSocketHandshakeException)ex.getCause()).getResponse().statusCode());

        final String sameOrigin = "http://127.0.0.1:" + server.port();
        try (WebSocketTestClient client = WebSocketTestClient.connect(wsUri(), Map.of("Origin", sameOrigin)))
        {
            client.send(subscribe(1, "AAA"));
            assertTrue(client.next().hasSubscribed(), "the server's own origin is allowed");
        }
    }

    @Test
    void shouldReportHealthAndTheJournalHead() throws Exception
    {
        // the stream agent reads the head on its first duty cycles, which a loaded machine may not have run yet
        final HttpClient client = HttpClient.newHttpClient();
        final HttpRequest request = HttpRequest.newBuilder(URI.create(server.adminUrl() + "health")).build();
        Conditions.await("/health reports the journal's head", () -> health(client, request).body().contains("\"headSequence\":10"));
        final HttpResponse<String> response = health(client, request);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"status\":\"ok\""), response.body());
        assertTrue(response.body().contains("\"headSequence\":10"), response.body());
    }

    private static HttpResponse<String> health(final HttpClient client, final HttpRequest request)
    {
        try
        {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void shouldNameTheSettingThatIsWrong()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new ServerConfiguration().flushIntervalMs(0).validate());
        assertEquals("flushIntervalMs=0: must be from 1 to 60000", ex.getMessage());
    }

    @Test
    void shouldRefuseABufferLimitSmallerThanOneReadBatch()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new ServerConfiguration().readBatchLimit(8192).maxSessionBufferBytes(64 * 1024).validate());
        assertTrue(ex.getMessage().startsWith("maxSessionBufferBytes=65536: must hold at least one read batch"), ex.getMessage());
    }

    @Test
    void shouldExplainAPortThatIsTaken()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> TickerServer.start(new ServerConfiguration().port(server.port()), fixture.journal));
        assertTrue(ex.getMessage().startsWith("port=" + server.port() + ": cannot listen on"), ex.getMessage());
    }

    private WebSocketTestClient connect()
    {
        return WebSocketTestClient.connect(wsUri());
    }

    private URI wsUri()
    {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    }

    static ClientMessage subscribe(final int requestId, final String... symbols)
    {
        return ClientMessage.newBuilder()
            .setSubscribe(Subscribe.newBuilder().setRequestId(requestId).addAllSymbols(List.of(symbols)))
            .build();
    }
}
