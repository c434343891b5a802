package dev.ticker.benchmarks;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.ReplayStart;
import dev.ticker.proto.v1.ReplayState;
import dev.ticker.proto.v1.ServerMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

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
        HarnessJournal.timeRuns("ticker-replay-harness", count, runs, "replayed", count, (port, head) -> replay(port, head));
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
