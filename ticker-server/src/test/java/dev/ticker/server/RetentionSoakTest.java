package dev.ticker.server;

import dev.ticker.journal.JournalRetention;
import dev.ticker.journal.RetentionPolicy;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server streaming from a journal that rolls over many days (one roll cycle each, by event
 * time) while retention deletes the old ones: the live client's coverage stays whole across every
 * deletion, a client resuming from a deleted day gets RESUME_UNAVAILABLE with the oldest sequence
 * kept and then a fresh snapshot, and /api/journal starts at the oldest day kept.
 */
@Timeout(120)
class RetentionSoakTest
{
    private static final long DAY_NS = TimeUnit.DAYS.toNanos(1);
    private static final int DAYS = 8;
    private static final int RETAINED_DAYS = 2;
    private static final int PER_DAY = 2_000;

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;
    private final long[] nowMs = {0};

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        appendDay(0);
        server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(20), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldStreamWithoutAGapWhileRetentionDeletesOldDaysAndAnswerAResumeFromADeletedDay() throws Exception
    {
        final JournalRetention retention = new JournalRetention(fixture.journal,
            new RetentionPolicy().retainDays(RETAINED_DAYS).checkIntervalMs(1_000), () -> nowMs[0]);
        try (WebSocketTestClient live = connect())
        {
            live.send(ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build());
            long covered = live.nextMatching(ServerMessage::hasSubscribed).getSubscribed().getEffectiveSequence() - 1;
            int deleted = 0;
            for (int day = 1; day < DAYS; day++)
            {
                appendDay(day);
                nowMs[0] += 1_000;
                deleted += retention.doWork();
                final long head = fixture.appender.lastSequence();
                while (covered < head)
                {
                    final ServerMessage message = live.next();
                    if (message.hasData())
                    {
                        final DataBatch data = message.getData();
                        assertEquals(covered + 1, data.getFirstSequence(), "frames follow each other across deleted days");
                        covered = data.getLastSequence();
                    }
                    else if (message.hasHeartbeat())
                    {
                        assertTrue(message.getHeartbeat().getScannedSequence() >= covered, "a heartbeat never goes back");
                        covered = message.getHeartbeat().getScannedSequence();
                    }
                    else
                    {
                        assertTrue(message.hasSnapshot(), "only data, heartbeats and snapshots: " + message);
                    }
                }
            }
            assertEquals(fixture.appender.lastSequence(), covered);
            assertEquals(DAYS - RETAINED_DAYS, deleted, "every day but the newest kept ones");
            try (Stream<Path> files = Files.list(fixture.journal.queueDirectory()))
            {
                assertEquals(RETAINED_DAYS, files.filter(f -> f.getFileName().toString().endsWith(".cq4")).count(), "day files kept");
            }
        }

        final long firstKept;
        try (TickTailer tailer = fixture.journal.tailer())
        {
            firstKept = tailer.firstSequence();
        }
        assertEquals((long)(DAYS - RETAINED_DAYS) * PER_DAY + 1, firstKept);
        try (WebSocketTestClient resuming = connect())
        {
            resuming.send(ClientMessage.newBuilder().setResume(Resume.newBuilder().setRequestId(3).setLastSequence(10)
                .addSubscriptions(Subscribe.newBuilder().setAll(true))).build());
            final ServerMessage error = resuming.next();
            assertEquals(ErrorCode.ERROR_CODE_RESUME_UNAVAILABLE, error.getError().getCode(), error.toString());
            assertEquals(firstKept, error.getError().getResumeSequence(), "the oldest sequence the journal keeps");
            assertTrue(resuming.next().hasSubscribed());
            assertTrue(resuming.next().hasSnapshot(), "a fresh snapshot follows");
        }
        final String range = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/api/journal")).build(), HttpResponse.BodyHandlers.ofString()).body();
        final Matcher first = Pattern.compile("\"firstSequence\":\\s*\"?(\\d+)").matcher(range);
        assertTrue(first.find(), range);
        assertEquals(firstKept, Long.parseLong(first.group(1)));
        assertEquals(0, server.agentErrorCount());
    }

    private WebSocketTestClient connect()
    {
        return WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    }

    /** A day of ticks, all with event times in that day: one roll cycle of the journal. */
    private void appendDay(final int day)
    {
        final long dayStartNs = JournalFixture.BASE_TIME_NS - JournalFixture.BASE_TIME_NS % DAY_NS + day * DAY_NS;
        for (int i = 0; i < PER_DAY; i++)
        {
            final long timeNs = dayStartNs + TimeUnit.HOURS.toNanos(14) + i * 1_000_000L;
            fixture.appender.appendTrade(timeNs, i % JournalFixture.SYMBOLS.size(), 10_000 + i % 50, 1 + i % 7, TickDescriptor.SIDE_BUY);
        }
    }
}
