package dev.ticker.benchmarks.load;

import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.server.JournalFixture;
import dev.ticker.server.TickerServer;
import dev.ticker.server.config.ServerConfiguration;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

class LoadClientTest
{
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    @Test
    void shouldCountEveryTickOfAKnownStreamOnEveryConnectionWithoutGaps() throws Exception
    {
        final int clients = 4;
        final ScheduledExecutorService slowReads = Executors.newSingleThreadScheduledExecutor();
        try (JournalFixture fixture = new JournalFixture(dir);
            TickerServer server = TickerServer.start(new ServerConfiguration().port(0).heartbeatIntervalMs(50), fixture.journal))
        {
            final Recorder latency = new Recorder(ClientStats.HIGHEST_LATENCY_NS, 3);
            final HttpClient http = HttpClient.newHttpClient();
            final URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
            final List<LoadClient> connected = new ArrayList<>();
            for (int i = 0; i < clients; i++)
            {
                // one slow reader among them: it still receives everything, later
                final LoadClient client = new LoadClient(new ClientStats(latency), new EpochNanoClock(), slowReads, i == 0 ? 5 : 0);
                http.newWebSocketBuilder().buildAsync(uri, client).get(30, TimeUnit.SECONDS);
                client.webSocket().sendBinary(ByteBuffer.wrap(ClientMessage.newBuilder()
                    .setSubscribe(Subscribe.newBuilder().setRequestId(1).addSymbols("AAA").addSymbols("BBB")).build().toByteArray()), true)
                    .get(30, TimeUnit.SECONDS);
                connected.add(client);
            }
            for (final LoadClient client : connected)
            {
                await(() -> client.stats().snapshotsComplete == 1, "the snapshot");
            }

            // live ticks, stamped now: instruments 0, 1, 2 (AAA, BBB, CCC) in turn, so AAA and BBB get 2,000
            final EpochNanoClock clock = new EpochNanoClock();
            for (int i = 0; i < 3_000; i++)
            {
                fixture.appender.appendTrade(clock.epochNanos(), i % 3, 10_000 + i, 1 + i % 7, TickDescriptor.SIDE_BUY);
            }
            final long head = fixture.appender.lastSequence();
            for (final LoadClient client : connected)
            {
                await(() -> client.stats().covered() >= head, "coverage of the whole journal up to " + head + ": covered " +
                    client.stats().covered() + ", ticks " + client.stats().ticks + ", frames " + client.stats().frames + ", failure " + client.failure());
            }

            for (final LoadClient client : connected)
            {
                assertEquals(2_000, client.stats().ticks, "ticks of AAA and BBB");
                assertEquals(0, client.stats().gaps);
                assertEquals(0, client.stats().conflated);
                assertNull(client.failure());
            }
            assertEquals(clients * 2_000L, latency.getIntervalHistogram().getTotalCount(), "one latency per tick received");
        }
        finally
        {
            slowReads.shutdownNow();
        }
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
