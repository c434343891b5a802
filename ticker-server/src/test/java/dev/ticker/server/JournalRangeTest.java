package dev.ticker.server;

import com.google.protobuf.util.JsonFormat;
import dev.ticker.proto.v1.JournalRange;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/journal} of a real server over a real journal: zeros while the journal is empty,
 * then its first and newest record, following the writer without a restart.
 */
@Timeout(60)
class JournalRangeTest
{
    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        server = TickerServer.start(new ServerConfiguration().port(0), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldAnswerTheFirstAndNewestRecordAndFollowTheWriter() throws Exception
    {
        assertEquals(JournalRange.getDefaultInstance(), range(), "an empty journal");

        fixture.append(10);
        assertEquals(JournalRange.newBuilder()
            .setFirstSequence(1).setFirstTimeNs(JournalFixture.BASE_TIME_NS + 1)
            .setHeadSequence(10).setHeadTimeNs(JournalFixture.BASE_TIME_NS + 10)
            .build(), range());

        fixture.append(2_000);
        assertEquals(JournalRange.newBuilder()
            .setFirstSequence(1).setFirstTimeNs(JournalFixture.BASE_TIME_NS + 1)
            .setHeadSequence(2_010).setHeadTimeNs(JournalFixture.BASE_TIME_NS + 2_010)
            .build(), range());
    }

    @Test
    void shouldAnswerEveryFieldAsJsonAndRefuseAnythingButGet() throws Exception
    {
        fixture.append(3);
        final HttpResponse<String> response = send(HttpRequest.newBuilder(uri()).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
        assertTrue(response.body().contains("\"firstSequence\": \"1\"") && response.body().contains("\"headTimeNs\": \"" +
            (JournalFixture.BASE_TIME_NS + 3) + "\""), response.body());

        final HttpResponse<String> post = send(HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, post.statusCode(), post.body());
    }

    private JournalRange range() throws Exception
    {
        final HttpResponse<String> response = send(HttpRequest.newBuilder(uri()).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        final JournalRange.Builder range = JournalRange.newBuilder();
        JsonFormat.parser().merge(response.body(), range);
        return range.build();
    }

    private URI uri()
    {
        return URI.create("http://127.0.0.1:" + server.port() + "/api/journal");
    }

    private static HttpResponse<String> send(final HttpRequest request) throws Exception
    {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
