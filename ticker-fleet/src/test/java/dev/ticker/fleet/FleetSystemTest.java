package dev.ticker.fleet;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.server.JournalTruth;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.WebSocketTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.ticker.journal.TickDescriptor;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet end to end on one real Kafka broker in its own JVM: writers in their own JVMs (so they
 * can be killed and paused), edges with real servers on free ports, a real WebSocket client.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FleetSystemTest
{
    private static final int RATE = 2_000;
    /** Long enough that a writer starved of CPU on a loaded machine is not taken over before the test means it to be. */
    private static final int TAKEOVER_MS = 5_000;
    private static final long WAIT_MS = 60_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Subscribe ALL = Subscribe.newBuilder().setRequestId(1).setAll(true).build();

    @RegisterExtension
    static final SharedKafkaBroker broker = new SharedKafkaBroker();

    @TempDir
    Path dir;

    @Test
    void shouldFollowTheWriterIntoTwoIdenticalEdgeJournalsAndResumeAClientOnTheOtherEdge() throws Exception
    {
        final String topic = "ticks-two-edges";
        final FleetConfiguration fleet = new FleetConfiguration().bootstrapServers(broker.bootstrap()).topic(topic)
            .checkpointIntervalMs(100);
        try (WriterHandle writer = WriterHandle.start(dir, "writer", broker.bootstrap(), topic, false, TAKEOVER_MS, RATE))
        {
            writer.awaitLine("ROLE ACTIVE", WAIT_MS);
            try (TickJournal journal1 = TickJournal.open(dir.resolve("edge1"));
                TickJournal journal2 = TickJournal.open(dir.resolve("edge2"));
                FleetEdge edge1 = FleetEdge.start(journal1, fleet, new ServerConfiguration().port(0).heartbeatIntervalMs(50));
                FleetEdge edge2 = FleetEdge.start(journal2, fleet, new ServerConfiguration().port(0).heartbeatIntervalMs(50)))
            {
                Await.until("both edges hold 2000 ticks", WAIT_MS,
                    () -> edge1.status().headSequence() >= 2_000 && edge2.status().headSequence() >= 2_000);
                assertTrue(journal1.instruments().size() > 0, "the catalogue came through the topic");

                // a client streams from edge 1, is cut off, and resumes on edge 2
                final long covered;
                try (WebSocketTestClient client = connect(edge1))
                {
                    client.send(ClientMessage.newBuilder().setSubscribe(ALL).build());
                    assertTrue(client.next().hasSubscribed());
                    covered = readUntil(client, edge1.status().headSequence() + 500, new ArrayList<>(), -1);
                    client.abort();
                }
                final List<dev.ticker.proto.v1.Tick> received = new ArrayList<>();
                final long resumedTo;
                try (WebSocketTestClient client = connect(edge2))
                {
                    client.send(ClientMessage.newBuilder().setResume(
                        Resume.newBuilder().setRequestId(2).setLastSequence(covered).addSubscriptions(ALL)).build());
                    final ServerMessage ack = client.next();
                    assertEquals(covered + 1, ack.getSubscribed().getEffectiveSequence(), ack.toString());
                    resumedTo = readUntil(client, covered + 1_000, received, covered);
                }
                assertEquals(JournalTruth.ticks(journal1, covered + 1, resumedTo, id -> true), received,
                    "edge 2 sent every tick after the sequence held from edge 1, once, as edge 1 has them");

                // the writer stops cleanly: both edges end at the topic's last sequence, with the same records
                writer.stop();
                final List<Long> topicSequences = TopicTruth.sequences(broker.bootstrap(), topic);
                assertEquals(LongStream.rangeClosed(1, topicSequences.size()).boxed().toList(), topicSequences,
                    "the topic holds 1..N with no gap and no duplicate");
                final long last = topicSequences.get(topicSequences.size() - 1);
                Await.until("both edges at the topic's last sequence " + last, WAIT_MS,
                    () -> edge1.status().headSequence() == last && edge2.status().headSequence() == last,
                    () -> "edge1=" + edge1.status().headSequence() + " edge2=" + edge2.status().headSequence());
                SameJournals.assertSameRecords(journal1, journal2, last);
                assertEquals("", edge1.status().alarm());
                assertEquals("", edge2.status().alarm());

                final HttpResponse<String> health = get(edge2, "/health");
                assertEquals(200, health.statusCode(), health.body());
                assertTrue(health.body().contains("\"fleetRole\":\"edge\"") && health.body().contains("\"fleetHeadSequence\":" + last),
                    health.body());
                final String metrics = get(edge2, "/metrics").body();
                assertTrue(metrics.contains("ticker_fleet_lag_records 0") && metrics.contains("ticker_fleet_role{role=\"edge\"} 1"), metrics);
            }
        }
    }

    @Test
    void shouldTakeOverWithNoGapOrDuplicateFromAKilledWriterAndThenFromAPausedOne() throws Exception
    {
        final String topic = "ticks-failover";
        final FleetConfiguration fleet = new FleetConfiguration().bootstrapServers(broker.bootstrap()).topic(topic);
        try (WriterHandle first = WriterHandle.start(dir, "first", broker.bootstrap(), topic, false, TAKEOVER_MS, RATE);
            WriterHandle second = WriterHandle.start(dir, "second", broker.bootstrap(), topic, true, TAKEOVER_MS, RATE);
            TickJournal journal = TickJournal.open(dir.resolve("edge"));
            FleetEdge edge = FleetEdge.start(journal, fleet, new ServerConfiguration().port(0)))
        {
            first.awaitLine("ROLE ACTIVE", WAIT_MS);
            second.awaitLine("ROLE STANDBY", WAIT_MS);
            Await.until("the edge holds 1000 ticks", WAIT_MS, () -> edge.status().headSequence() >= 1_000);

            first.kill();
            final long afterKill = edge.status().headSequence();
            second.awaitLine("ROLE ACTIVE", WAIT_MS);
            Await.until("the edge holds 1000 ticks from the second writer", WAIT_MS,
                () -> edge.status().headSequence() >= afterKill + 1_000);

            try (WriterHandle third = WriterHandle.start(dir, "third", broker.bootstrap(), topic, true, TAKEOVER_MS, RATE))
            {
                third.awaitLine("ROLE STANDBY", WAIT_MS);
                second.pause();
                final long afterPause = edge.status().headSequence();
                third.awaitLine("ROLE ACTIVE", WAIT_MS);
                Await.until("the edge holds 1000 ticks from the third writer", WAIT_MS,
                    () -> edge.status().headSequence() >= afterPause + 1_000);
                second.resume();
                assertEquals(WriterProcess.EXIT_ENDED, second.awaitExit(WAIT_MS), second.output());
                assertTrue(second.output().contains("fenced"), second.output());
                Await.until("the edge holds 1000 more ticks after the paused writer woke", WAIT_MS,
                    () -> edge.status().headSequence() >= afterPause + 2_000);
            }
            final List<Long> topicSequences = TopicTruth.sequences(broker.bootstrap(), topic);
            assertEquals(LongStream.rangeClosed(1, topicSequences.size()).boxed().toList(), topicSequences,
                "the topic holds 1..N with no gap and no duplicate across two takeovers");
            final long last = topicSequences.get(topicSequences.size() - 1);
            Await.until("the edge at the topic's last sequence", WAIT_MS, () -> edge.status().headSequence() >= last);
            assertContiguous(journal, edge.status().headSequence());
            assertEquals("", edge.status().alarm());
        }
    }

    @Test
    void shouldSkipTicksAlreadyHeldAndStopWithAnAlarmAtAGap() throws Exception
    {
        final String topic = "ticks-gap";
        final FleetConfiguration fleet = new FleetConfiguration().bootstrapServers(broker.bootstrap()).topic(topic);
        TopicSetup.ensure(fleet);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(fleet.transactionalId("test-" + topic).producerProperties()))
        {
            producer.initTransactions();
            publish(producer, topic, 1, 10, 0);
            publish(producer, topic, 5, 12, 0);
            publish(producer, topic, 14, 15, 0);
        }
        try (TickJournal journal = TickJournal.open(dir.resolve("edge"));
            FleetEdge edge = FleetEdge.start(journal, fleet, new ServerConfiguration().port(0)))
        {
            Await.until("the edge stops at the gap", WAIT_MS, () -> !edge.status().alarm().isEmpty());
            assertEquals(12, edge.status().headSequence(), "everything before the gap is in the journal");
            assertEquals(12, journal.headSequence());
            assertEquals(6, edge.status().duplicatesSkipped(), "5..10 came twice and were skipped once each");
            assertTrue(edge.status().alarm().contains("gap") && edge.status().alarm().contains("13..13"), edge.status().alarm());
            final HttpResponse<String> health = get(edge, "/health");
            assertEquals(503, health.statusCode(), "a load balancer must send clients elsewhere: " + health.body());
            assertTrue(health.body().contains("\"status\":\"degraded\"") && health.body().contains("gap"), health.body());
        }
    }

    @Test
    void shouldStopWithAnAlarmWhenTheTopicHoldsOtherTicksThanTheJournalUnderTheSameSequences() throws Exception
    {
        final String topic = "ticks-diverging";
        final FleetConfiguration fleet = new FleetConfiguration().bootstrapServers(broker.bootstrap()).topic(topic);
        TopicSetup.ensure(fleet);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(fleet.transactionalId("test-" + topic).producerProperties()))
        {
            producer.initTransactions();
            publish(producer, topic, 1, 10, 0);
            publish(producer, topic, 8, 12, 1);
        }
        try (TickJournal journal = TickJournal.open(dir.resolve("edge"));
            FleetEdge edge = FleetEdge.start(journal, fleet, new ServerConfiguration().port(0)))
        {
            Await.until("the edge stops at the first tick that differs", WAIT_MS, () -> !edge.status().alarm().isEmpty());
            assertEquals(10, journal.headSequence(), "nothing after the difference is taken");
            assertTrue(edge.status().alarm().contains("sequence 8") && edge.status().alarm().contains("differs"), edge.status().alarm());
        }
    }

    /** Commits ticks {@code from..to} (trades of instrument 0, priced from their sequence and {@code variant}) in one transaction. */
    private static void publish(
        final KafkaProducer<byte[], byte[]> producer, final String topic, final long from, final long to, final int variant)
    {
        final List<Tick> ticks = new ArrayList<>();
        for (long sequence = from; sequence <= to; sequence++)
        {
            final Tick tick = new Tick().trade(1_700_000_000_000_000_000L + sequence, 0, 10_000 + sequence + variant, 100,
                TickDescriptor.SIDE_BUY);
            tick.sequence = sequence;
            ticks.add(tick);
        }
        TicksRecord.commit(producer, topic, ticks);
    }

    private static HttpResponse<String> get(final FleetEdge edge, final String path) throws Exception
    {
        return HTTP.send(HttpRequest.newBuilder(URI.create(edge.server().adminUrl() + path.substring(1)))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads data frames (checking each starts where the last ended) until {@code to} is covered; returns the sequence covered. */
    private static long readUntil(
        final WebSocketTestClient client, final long to, final List<dev.ticker.proto.v1.Tick> ticks, final long from)
    {
        long covered = from;
        while (covered < to)
        {
            final ServerMessage message = client.nextAny();
            if (message.hasData())
            {
                if (covered >= 0)
                {
                    assertEquals(covered + 1, message.getData().getFirstSequence(), "each frame starts where the last ended");
                }
                ticks.addAll(message.getData().getTicksList());
                covered = message.getData().getLastSequence();
            }
            else if (message.hasHeartbeat() && covered >= 0)
            {
                covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
            }
            else if (message.hasSnapshot() && covered < 0)
            {
                covered = message.getSnapshot().getAsOfSequence();
            }
        }
        return covered;
    }

    private static void assertContiguous(final TickJournal journal, final long last)
    {
        try (TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            for (long sequence = 1; sequence <= last; sequence++)
            {
                assertTrue(tailer.readNext(tick), "the journal holds sequence " + sequence);
                assertEquals(sequence, tick.sequence);
            }
        }
    }

    private static WebSocketTestClient connect(final FleetEdge edge)
    {
        return WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + edge.server().port() + "/ws"));
    }
}
