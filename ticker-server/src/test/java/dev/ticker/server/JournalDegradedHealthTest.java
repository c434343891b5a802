package dev.ticker.server;

import dev.ticker.journal.JournalConfiguration;
import dev.ticker.journal.JournalVerifier;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.http.HealthHandler;
import dev.ticker.server.http.JournalHandler;
import dev.ticker.server.metrics.ServerCounters;
import io.undertow.Undertow;
import io.undertow.server.RoutingHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /health} and {@code /api/journal} over a journal in trouble, on a real HTTP listener: a disk
 * too full to write is "degraded: disk full" (503), a damaged journal is "degraded: journal damaged"
 * (503) with the file and offset, and neither is ever a 500.
 */
@Timeout(60)
class JournalDegradedHealthTest
{
    private static final long T0 = 1_763_650_000_000_000_000L;
    private static final long NOW_NS = TimeUnit.DAYS.toNanos(20_000);
    private static final int RECORDS = 500;

    @TempDir
    Path dir;

    private Undertow undertow;
    private TickJournal journal;

    @AfterEach
    void stop()
    {
        if (null != undertow)
        {
            undertow.stop();
        }
        if (null != journal)
        {
            journal.close();
        }
    }

    @Test
    void shouldAnswerDegradedDiskFullWhenTheJournalCannotBeWritten()
    {
        write(RECORDS);
        // a disk that can never keep this much free: the same verdict a full disk gets
        journal = TickJournal.open(dir, new JournalConfiguration().minFreeDiskBytes(Long.MAX_VALUE / 4));
        start();
        final HttpResponse<String> health = get("/health");
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().startsWith("{\"status\":\"degraded\",\"reason\":\"disk full: "), health.body());
        assertTrue(health.body().contains("\"headSequence\":" + RECORDS), health.body());
        assertEquals(200, get("/api/journal").statusCode(), "what was written is still served");
    }

    @Test
    void shouldAnswerDegradedJournalDamagedAndNever500WhenTheNewestRecordIsDamaged() throws IOException
    {
        write(RECORDS);
        final Path file;
        try (Stream<Path> files = Files.list(dir.resolve("queue")))
        {
            file = files.filter(path -> path.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        // the newest record's checksum: the records follow the queue's header and indexes, 4 + 64 bytes each
        final long lastRecord = 0x10110 + (4L + TickDescriptor.LENGTH) * (RECORDS - 1);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(lastRecord + 4 + TickDescriptor.CHECKSUM_OFFSET);
            raf.writeInt(0x0BAD_0BAD);
        }
        assertFalse(JournalVerifier.verify(dir).isIntact(), "the test damaged the newest record");

        journal = TickJournal.open(dir);
        start();
        final HttpResponse<String> health = get("/health");
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().startsWith("{\"status\":\"degraded\",\"reason\":\"journal damaged: "), health.body());
        assertTrue(health.body().contains(file.getFileName().toString()), health.body());

        final HttpResponse<String> range = get("/api/journal");
        assertEquals(503, range.statusCode(), range.body());
        assertTrue(range.body().contains("not intact"), range.body());
    }

    private void write(final int records)
    {
        try (TickJournal writing = TickJournal.open(dir); TickAppender appender = writing.appender())
        {
            for (int i = 0; i < records; i++)
            {
                appender.appendTrade(T0 + i, 1, 100, 10, TickDescriptor.SIDE_BUY);
            }
        }
    }

    private void start()
    {
        final ServerCounters counters = new ServerCounters();
        counters.dutyCycle(NOW_NS);
        counters.scannedSequence(RECORDS);
        final RoutingHandler routes = new RoutingHandler()
            .get("/health", new HealthHandler(counters, () -> 0, journal, new ServerConfiguration(), () -> NOW_NS))
            .get("/api/journal", new JournalHandler(journal));
        undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(routes).build();
        undertow.start();
    }

    private HttpResponse<String> get(final String path)
    {
        final int port = ((InetSocketAddress)undertow.getListenerInfo().get(0).getAddress()).getPort();
        try
        {
            return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(java.time.Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
