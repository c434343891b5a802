package dev.ticker.benchmarks;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.server.ServerConfiguration;
import dev.ticker.server.TickerServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Times a resume of many missed ticks through the real server: a journal of {@code MISSED} ticks
 * (and some before them), a server on a free port, and a JDK WebSocket client that resumes from
 * {@code head - MISSED} with a subscription to everything and decodes every frame with the
 * generated parser. Reports, per run, the time from sending the Resume until the client holds
 * every missed tick (covered = head), and the ticks per second that makes.
 *
 * <pre>
 *   java @ticker-cli/target/app/jvm.options -cp "benchmarks/target/ticker-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     dev.ticker.benchmarks.ResumeHarness [missed ticks, default 1000000] [runs, default 7]
 * </pre>
 */
public final class ResumeHarness
{
    private ResumeHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int missed = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        final Path directory = Files.createTempDirectory("ticker-resume-harness");
        try (TickJournal journal = TickJournal.open(directory))
        {
            final List<Instrument> instruments = new ArrayList<>();
            for (int i = 0; i < 20; i++)
            {
                instruments.add(Instrument.newBuilder().setSymbol("S" + i).setTimeZone("America/New_York").setPriceDecimals(2).build());
            }
            InstrumentCatalog.empty().merge(instruments).save(directory);
            try (TickAppender appender = journal.appender())
            {
                long timeNs = 1_763_650_000_000_000_000L;
                for (int i = 0; i < missed + 10_000; i++)
                {
                    timeNs += 50_000;
                    final int instrument = i % instruments.size();
                    if ((i & 1) == 0)
                    {
                        appender.appendTrade(timeNs, instrument, 1_000_000 + (i & 1023), 1 + (i & 7), TickDescriptor.SIDE_BUY);
                    }
                    else
                    {
                        appender.appendQuote(timeNs, instrument, 999_900 + (i & 255), 300, 1_000_100 + (i & 255), 200);
                    }
                }
            }
            final long head = journal.headSequence();
            try (TickerServer server = TickerServer.start(new ServerConfiguration().port(0), journal))
            {
                final long[] millis = new long[runs];
                for (int run = 0; run < runs; run++)
                {
                    millis[run] = resume(server.port(), head - missed, head);
                    System.out.printf("run %d: resumed %,d missed ticks in %d ms (%,.0f ticks/s)%n",
                        run + 1, missed, millis[run], missed * 1000.0 / Math.max(1, millis[run]));
                }
                final long[] sorted = millis.clone();
                Arrays.sort(sorted);
                System.out.printf("median %d ms, best %d ms over %d runs (first runs include JIT warm-up)%n",
                    sorted[runs / 2], sorted[0], runs);
            }
        }
        finally
        {
            try (Stream<Path> files = Files.walk(directory))
            {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static long resume(final int port, final long lastSequence, final long head) throws Exception
    {
        final Receiver receiver = new Receiver(lastSequence, head);
        final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), receiver).get(30, TimeUnit.SECONDS);
        final long startNs = System.nanoTime();
        socket.sendBinary(ByteBuffer.wrap(ClientMessage.newBuilder().setResume(Resume.newBuilder()
            .setRequestId(1).setLastSequence(lastSequence).addSubscriptions(Subscribe.newBuilder().setAll(true))).build().toByteArray()), true);
        receiver.done.get(120, TimeUnit.SECONDS);
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        socket.abort();
        if (receiver.ticks != head - lastSequence)
        {
            throw new IllegalStateException("received " + receiver.ticks + " ticks, expected " + (head - lastSequence));
        }
        return elapsedMs;
    }

    private static final class Receiver implements WebSocket.Listener
    {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        final long head;
        long covered;
        long ticks;

        Receiver(final long covered, final long head)
        {
            this.covered = covered;
            this.head = head;
        }

        @Override
        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            final byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last)
            {
                try
                {
                    final ServerMessage message = ServerMessage.parseFrom(partial.toByteArray());
                    if (message.hasData())
                    {
                        final DataBatch batch = message.getData();
                        if (batch.getFirstSequence() != covered + 1)
                        {
                            done.completeExceptionally(new IllegalStateException("gap before " + batch.getFirstSequence()));
                        }
                        covered = batch.getLastSequence();
                        ticks += batch.getTicksCount();
                        if (covered >= head)
                        {
                            done.complete(null);
                        }
                    }
                }
                catch (final IOException ex)
                {
                    done.completeExceptionally(new UncheckedIOException(ex));
                }
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }
    }
}
