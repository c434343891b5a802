package dev.ticker.server;

import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.http.HealthHandler;
import dev.ticker.server.metrics.ServerCounters;
import io.undertow.Undertow;
import org.agrona.concurrent.EpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.ticker.server.TickerServerTest.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /health}: its verdicts from the figures behind them (the handler on a real HTTP
 * listener over a real journal, with the agent's counters and the clock set by the test), and the
 * whole server answering it.
 */
@Timeout(60)
class HealthTest
{
    private static final long NOW_NS = TimeUnit.DAYS.toNanos(20_000);

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private final ServerCounters counters = new ServerCounters();
    private final EpochNanoClock clock = () -> NOW_NS;
    private Undertow undertow;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        fixture.append(500);
        undertow = Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(new HealthHandler(counters, () -> 3, fixture.journal,
                new ServerConfiguration().maxHealthyLag(100).maxHealthyStallMs(2_000), clock))
            .build();
        undertow.start();
    }

    @AfterEach
    void stop()
    {
        undertow.stop();
        fixture.close();
    }

    @Test
    void shouldBeOkWhenTheAgentIsWithinTheLagAndCycling()
    {
        counters.scannedSequence(400);
        counters.dutyCycle(NOW_NS - TimeUnit.MILLISECONDS.toNanos(1_999));
        final HttpResponse<String> health = get(port(undertow));
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().startsWith("{\"status\":\"ok\""), health.body());
        assertTrue(health.body().contains("\"headSequence\":500,\"scannedSequence\":400,\"lagRecords\":100,\"maxHealthyLag\":100"),
            health.body());
        assertTrue(health.body().contains("\"dutyCycleAgeMs\":1999,\"maxHealthyStallMs\":2000,\"connections\":3"), health.body());
    }

    @Test
    void shouldReportLaggingAgainstTheJournalHeadItself()
    {
        // the agent's own idea of the head is stale; the journal's is not
        counters.headSequence(399);
        counters.scannedSequence(399);
        counters.dutyCycle(NOW_NS);
        final HttpResponse<String> health = get(port(undertow));
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().startsWith("{\"status\":\"lagging\",\"reason\":\"the stream agent is 101 records behind " +
            "the journal head, more than maxHealthyLag=100\""), health.body());
        assertTrue(health.body().contains("\"headSequence\":500"), health.body());
    }

    @Test
    void shouldReportStalledWhenNoDutyCycleFinishedInTime()
    {
        counters.scannedSequence(500);
        counters.dutyCycle(NOW_NS - TimeUnit.MILLISECONDS.toNanos(2_001));
        final HttpResponse<String> health = get(port(undertow));
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().startsWith("{\"status\":\"stalled\",\"reason\":\"the stream agent has not finished a duty " +
            "cycle for 2001 ms, more than maxHealthyStallMs=2000\""), health.body());
    }

    @Test
    void shouldReportTheRunningServerHealthyWithItsConnections()
    {
        try (TickerServer server = TickerServer.start(new ServerConfiguration().port(0), fixture.journal);
            WebSocketTestClient client = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws")))
        {
            client.send(subscribe(1, "AAA"));
            client.nextMatching(ServerMessage::hasSnapshot);
            fixture.append(10);
            client.nextMatching(ServerMessage::hasData);
            final HttpResponse<String> health = get(server.adminPort());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().startsWith("{\"status\":\"ok\""), health.body());
            assertTrue(health.body().contains("\"headSequence\":510"), health.body());
            // the 500 records before the start are read too, by the warm-up
            assertTrue(health.body().contains("\"connections\":1,\"sessions\":1,\"ticksIn\":510"), health.body());
        }
    }

    private static int port(final Undertow undertow)
    {
        return ((InetSocketAddress)undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    private static HttpResponse<String> get(final int port)
    {
        try
        {
            return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(WebSocketTestClient.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
