package dev.ticker.server;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.proto.v1.Tick;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resume after lost connections, on a real server over a real journal that keeps growing. */
@Timeout(180)
class ResumeTest
{
    private static final Subscribe SUBSCRIPTION = Subscribe.newBuilder().addSymbols("AAA").addSymbols("CCC").build();
    private static final Set<Integer> SUBSCRIBED_IDS = Set.of(0, 2);
    private static final long MAX_AHEAD = 50_000;

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        fixture.append(1_000);
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(20), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldDeliverEveryTickExactlyOnceInOrderAcross100RandomDisconnectsWhileTheWriterAppends()
    {
        final SplittableRandom random = new SplittableRandom(42);
        WebSocketTestClient client = connect();
        client.send(ClientMessage.newBuilder().setSubscribe(SUBSCRIPTION.toBuilder().setRequestId(1)).build());
        final long effective = client.next().getSubscribed().getEffectiveSequence();
        assertTrue(client.next().hasSnapshot());
        long covered = effective - 1;

        // The writer appends bursts between the client's reads (the journal's one writer stays on
        // this thread); the server streams them concurrently, so disconnects fall anywhere.
        final List<Tick> received = new ArrayList<>();
        int disconnects = 0;
        try
        {
            while (disconnects < 100)
            {
                if (random.nextInt(3) == 0 && fixture.appender.lastSequence() - covered < MAX_AHEAD)
                {
                    fixture.append(1 + random.nextInt(400));
                }
                final ServerMessage message = client.nextAny();
                if (message.hasHeartbeat())
                {
                    covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
                }
                else if (message.hasData())
                {
                    final DataBatch batch = message.getData();
                    assertEquals(covered + 1, batch.getFirstSequence(), "each frame starts where the last one ended");
                    received.addAll(batch.getTicksList());
                    covered = batch.getLastSequence();
                }
                else if (message.hasError())
                {
                    assertEquals(ErrorCode.ERROR_CODE_SLOW_CONSUMER, message.getError().getCode(), message.toString());
                    assertEquals(covered + 1, message.getError().getResumeSequence());
                }
                if (random.nextInt(12) == 0 || message.hasError())
                {
                    client.abort();
                    disconnects++;
                    client = connect();
                    client.send(resume(disconnects + 1, covered));
                    final ServerMessage ack = client.next();
                    assertTrue(ack.hasSubscribed(), ack.toString());
                    assertEquals(covered + 1, ack.getSubscribed().getEffectiveSequence(), "resumes right after what it holds");
                }
            }
            final long head = fixture.appender.lastSequence();
            while (covered < head)
            {
                final ServerMessage message = client.nextAny();
                if (message.hasData())
                {
                    assertEquals(covered + 1, message.getData().getFirstSequence());
                    received.addAll(message.getData().getTicksList());
                    covered = message.getData().getLastSequence();
                }
                else if (message.hasHeartbeat())
                {
                    covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
                }
            }
        }
        finally
        {
            client.close();
        }

        assertTrue(fixture.appender.lastSequence() > 10_000, "the writer appended while the client came and went");
        final List<Tick> expected = JournalTruth.ticks(fixture.journal, effective, covered, SUBSCRIBED_IDS);
        assertEquals(expected.size(), received.size(), "as many ticks as the journal holds for AAA and CCC");
        assertEquals(expected, received, "every tick exactly once, in journal order");
        assertEquals(100, server.counters().resumeRequests());
        assertEquals(0, server.agentErrorCount());
    }

    @Test
    void shouldAnswerAResumeBeyondTheHeadWithResumeUnavailableThenAFreshSnapshot()
    {
        try (WebSocketTestClient client = connect())
        {
            client.send(resume(7, 5_000));
            final ServerMessage error = client.next();
            assertEquals(ErrorCode.ERROR_CODE_RESUME_UNAVAILABLE, error.getError().getCode(), error.toString());
            assertEquals(1, error.getError().getResumeSequence(), "the oldest sequence the journal holds");
            assertEquals(7, error.getError().getRequestId());
            assertTrue(error.getError().getMessage().contains("5000"), error.getError().getMessage());

            final ServerMessage ack = client.next();
            assertEquals(1_001, ack.getSubscribed().getEffectiveSequence());
            assertEquals(List.of("AAA", "CCC"), ack.getSubscribed().getSymbolsList());
            final ServerMessage snapshot = client.next();
            assertEquals(1_000, snapshot.getSnapshot().getAsOfSequence());
            assertEquals(2, snapshot.getSnapshot().getInstrumentsCount());
            assertEquals(ErrorCode.ERROR_CODE_RESUME_UNAVAILABLE.getNumber(), 9);
        }
    }

    @Test
    void shouldServeAResumeBeyondTheHeadOnceTheJournalReachesIt()
    {
        try (WebSocketTestClient client = connect())
        {
            client.send(resume(3, 1_500));
            Conditions.await("the resume counted", () -> server.counters().resumeRequests() == 1);
            fixture.append(600);
            final ServerMessage ack = client.next();
            assertEquals(1_501, ack.getSubscribed().getEffectiveSequence(), "served from where the client was, not refused: " + ack);
            ServerMessage message = client.next();
            while (!message.hasData())
            {
                message = client.next();
            }
            assertEquals(1_501, message.getData().getFirstSequence(), message.toString());
        }
    }

    @Test
    void shouldBoundTheRequestsThatWaitBehindAResumeBeyondTheHeadAndAnswerThemInOrderAfterIt()
    {
        try (WebSocketTestClient client = connect())
        {
            client.send(resume(3, 1_500));
            Conditions.await("the resume counted", () -> server.counters().resumeRequests() == 1);
            for (int id = 10; id < 80; id++)
            {
                client.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(id).addSymbols("BBB")).build());
            }
            final List<Integer> refused = new ArrayList<>();
            while (refused.size() < 6)
            {
                final ServerMessage message = client.next();
                assertTrue(message.hasError(), "nothing but refusals while the resume waits: " + message);
                assertEquals(ErrorCode.ERROR_CODE_RATE_LIMITED, message.getError().getCode(), message.toString());
                refused.add(message.getError().getRequestId());
            }
            assertEquals(List.of(74, 75, 76, 77, 78, 79), refused, "past maxDeferredRequests (64), refused at once");

            fixture.append(600);
            final ServerMessage ack = client.next();
            assertEquals(3, ack.getSubscribed().getRequestId(), "the resume first: " + ack);
            assertEquals(1_501, ack.getSubscribed().getEffectiveSequence());
            final List<Integer> acked = new ArrayList<>();
            while (acked.size() < 64)
            {
                final ServerMessage message = client.next();
                assertFalse(message.hasError(), () -> message.getError().getMessage());
                if (message.hasSubscribed())
                {
                    acked.add(message.getSubscribed().getRequestId());
                }
            }
            for (int i = 0; i < 64; i++)
            {
                assertEquals(10 + i, acked.get(i), "in the order they came");
            }
        }
    }

    @Test
    void shouldApplyASubscribeSentWhileCatchingUpOnceTheResumedStreamIsLive()
    {
        // the live reader at the head first, so that all of 11..1000 is catch-up, not live
        Conditions.await("the stream agent at the journal head", () -> server.counters().scannedSequence() == 1_000);
        try (WebSocketTestClient client = connect())
        {
            client.send(resume(1, 10));
            client.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(2).addSymbols("BBB")).build());
            assertEquals(11, client.next().getSubscribed().getEffectiveSequence());

            long covered = 10;
            final List<Tick> received = new ArrayList<>();
            ServerMessage message = client.next();
            while (message.hasData())
            {
                assertEquals(covered + 1, message.getData().getFirstSequence());
                received.addAll(message.getData().getTicksList());
                covered = message.getData().getLastSequence();
                message = client.next();
            }
            assertEquals(1_000, covered, "caught up to the head before the deferred request was answered; then came " + message);
            assertEquals(JournalTruth.ticks(fixture.journal, 11, 1_000, SUBSCRIBED_IDS), received);
            assertEquals(2, message.getSubscribed().getRequestId(), message.toString());
            assertEquals(List.of("AAA", "BBB", "CCC"), message.getSubscribed().getSymbolsList());
            final ServerMessage snapshot = client.next();
            assertEquals(1_000, snapshot.getSnapshot().getAsOfSequence(), "as of where the resumed stream is");
            assertEquals("BBB", snapshot.getSnapshot().getInstruments(0).getInstrument().getSymbol());
        }
    }

    private static ClientMessage resume(final int requestId, final long lastSequence)
    {
        return ClientMessage.newBuilder()
            .setResume(Resume.newBuilder().setRequestId(requestId).setLastSequence(lastSequence).addSubscriptions(SUBSCRIPTION))
            .build();
    }

    private WebSocketTestClient connect()
    {
        return WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    }
}
