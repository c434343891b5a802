package dev.ticker.benchmarks;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.ReplayStart;
import dev.ticker.proto.v1.ReplayState;
import dev.ticker.proto.v1.ServerMessage;
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
 * Times one WebSocket client replaying a window of the journal as fast as it takes frames, through
 * the real server: a journal of {@code TICKS} ticks (20 instruments, 50 µs apart), a server on a
 * free port, and a JDK WebSocket client that sends a ReplayStart of everything at speed 0 and
 * decodes every frame with the generated parser, checking that the replay frames are contiguous.
 * Reports, per run, the time from sending the ReplayStart until the replay says ENDED, with every
 * tick of the window received, and the ticks per second that makes. The time includes rebuilding
 * the snapshot (the window starts at the journal's first record, so there is nothing before it).
 *
 * <pre>
 *   java @ticker-cli/target/app/jvm.options -cp "benchmarks/target/ticker-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     dev.ticker.benchmarks.ReplayHarness [ticks, default 5000000] [runs, default 7]
 * </pre>
 */
public final class ReplayHarness
{
    private ReplayHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int count = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        final int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        final Path directory = Files.createTempDirectory("ticker-replay-harness");
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
                for (int i = 0; i < count; i++)
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
                    millis[run] = replay(server.port(), head);
                    System.out.printf("run %d: replayed %,d ticks in %d ms (%,.0f ticks/s delivered)%n",
                        run + 1, count, millis[run], count * 1000.0 / Math.max(1, millis[run]));
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

    private static long replay(final int port, final long head) throws Exception
    {
        final Receiver receiver = new Receiver();
        final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), receiver).get(30, TimeUnit.SECONDS);
        final long startNs = System.nanoTime();
        socket.sendBinary(ByteBuffer.wrap(ClientMessage.newBuilder().setReplayStart(ReplayStart.newBuilder()
            .setRequestId(1).setFromSequence(1).setAll(true).setSpeed(0)).build().toByteArray()), true);
        receiver.done.get(300, TimeUnit.SECONDS);
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        socket.abort();
        if (receiver.ticks != head)
        {
            throw new IllegalStateException("received " + receiver.ticks + " ticks, expected " + head);
        }
        return elapsedMs;
    }

    private static final class Receiver implements WebSocket.Listener
    {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        long covered;
        long ticks;

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
                    if (message.hasReplayStatus() && message.getReplayStatus().getState() == ReplayState.REPLAY_STATE_ENDED)
                    {
                        done.complete(null);
                    }
                    else if (message.hasData())
                    {
                        final DataBatch batch = message.getData();
                        if (!batch.getReplay())
                        {
                            done.completeExceptionally(new IllegalStateException("a live frame during the replay"));
                        }
                        if (batch.getFirstSequence() != covered + 1)
                        {
                            done.completeExceptionally(new IllegalStateException("gap before " + batch.getFirstSequence()));
                        }
                        covered = batch.getLastSequence();
                        ticks += batch.getTicksCount();
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
