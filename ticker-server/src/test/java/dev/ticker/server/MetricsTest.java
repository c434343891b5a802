package dev.ticker.server;

import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.ticker.server.TickerServerTest.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics} on the real server: the exposition format, and counters that follow what the server does. */
@Timeout(60)
class MetricsTest
{
    /** Every metric family and its type, as docs/operations.md lists them. */
    private static final Map<String, String> FAMILIES = Map.ofEntries(
        Map.entry("ticker_connections", "gauge"),
        Map.entry("ticker_connections_opened_total", "counter"),
        Map.entry("ticker_connections_refused_total", "counter"),
        Map.entry("ticker_connections_closed_total", "counter"),
        Map.entry("ticker_ping_timeouts_total", "counter"),
        Map.entry("ticker_rate_limited_total", "counter"),
        Map.entry("ticker_sessions", "gauge"),
        Map.entry("ticker_subscriptions", "gauge"),
        Map.entry("ticker_ticks_in_total", "counter"),
        Map.entry("ticker_ticks_out_total", "counter"),
        Map.entry("ticker_frames_out_total", "counter"),
        Map.entry("ticker_bytes_out_total", "counter"),
        Map.entry("ticker_conflated_updates_total", "counter"),
        Map.entry("ticker_slow_consumer_closes_total", "counter"),
        Map.entry("ticker_resume_requests_total", "counter"),
        Map.entry("ticker_resume_ticks_replayed_total", "counter"),
        Map.entry("ticker_replays", "gauge"),
        Map.entry("ticker_replay_ticks_out_total", "counter"),
        Map.entry("ticker_journal_head_sequence", "gauge"),
        Map.entry("ticker_scanned_sequence", "gauge"),
        Map.entry("ticker_tailer_lag_records", "gauge"),
        Map.entry("ticker_journal_gaps_total", "counter"),
        Map.entry("ticker_errors_total", "counter"),
        Map.entry("ticker_stream_agent_errors_total", "counter"),
        Map.entry("ticker_stream_agent_cycle_age_seconds", "gauge"));

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        fixture.append(10);
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(10), fixture.journal);
        Conditions.await("the stream agent has started", () -> server.counters().scannedSequence() == 10);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldExposeEveryMetricInThePrometheusTextFormat()
    {
        final MetricsScrape metrics = MetricsScrape.scrape(server.adminPort());
        FAMILIES.forEach((family, type) -> assertEquals(type, typeOf(metrics, family), family + " in\n" + metrics.text));
        assertEquals(0.0, metrics.value("ticker_connections"));
        assertEquals(10.0, metrics.value("ticker_journal_head_sequence"));
        assertEquals(10.0, metrics.value("ticker_scanned_sequence"));
        assertEquals(0.0, metrics.value("ticker_tailer_lag_records"));
        for (final String code : List.of("MALFORMED_MESSAGE", "MESSAGE_TOO_LARGE", "RATE_LIMITED", "TOO_MANY_CONNECTIONS", "SLOW_CONSUMER"))
        {
            assertEquals(0.0, metrics.value("ticker_errors_total{code=\"" + code + "\"}"), code);
        }
        assertTrue(metrics.value("ticker_stream_agent_cycle_age_seconds") >= 0);
    }

    @Test
    void shouldCountWhatTheServerDoes()
    {
        final MetricsScrape before = MetricsScrape.scrape(server.adminPort());
        try (WebSocketTestClient client = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws")))
        {
            client.send(subscribe(1, "BBB", "NOPE"));
            client.nextMatching(ServerMessage::hasSnapshot);
            fixture.append(30);
            int bbbTicks = 0;
            while (bbbTicks < 10)
            {
                final DataBatch batch = client.nextMatching(ServerMessage::hasData).getData();
                bbbTicks += batch.getTicksCount();
            }
            Conditions.await("the agent has read to the head", () -> server.counters().scannedSequence() == 40);

            final MetricsScrape during = MetricsScrape.scrape(server.adminPort());
            assertEquals(1.0, during.value("ticker_connections"));
            assertEquals(1.0, during.value("ticker_connections_opened_total"));
            assertEquals(1.0, during.value("ticker_sessions"));
            assertEquals(30.0, during.value("ticker_ticks_in_total") - before.value("ticker_ticks_in_total"));
            assertEquals(10.0, during.value("ticker_ticks_out_total"), "BBB's ticks of 11..40");
            assertTrue(during.value("ticker_frames_out_total") >= 1);
            assertTrue(during.value("ticker_bytes_out_total") > during.value("ticker_frames_out_total"));
            assertEquals(1.0, during.value("ticker_errors_total{code=\"UNKNOWN_SYMBOL\"}"), "NOPE");
            assertEquals(40.0, during.value("ticker_scanned_sequence"));
            assertTrue(during.value("ticker_journal_head_sequence") >= 40.0);
        }
        Conditions.await("the closed connection is gone", () -> server.connections() == 0 && server.counters().sessions() == 0);
        final MetricsScrape after = MetricsScrape.scrape(server.adminPort());
        assertEquals(0.0, after.value("ticker_connections"));
        assertEquals(0.0, after.value("ticker_sessions"));
        assertEquals(1.0, after.value("ticker_connections_opened_total"), "a counter does not go down");
    }

    private static String typeOf(final MetricsScrape metrics, final String family)
    {
        final String declared = metrics.type(family);
        return null != declared || !family.endsWith("_total") ? declared :
            metrics.type(family.substring(0, family.length() - "_total".length()));
    }
}
