package dev.ticker.benchmarks;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;

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
        HarnessJournal.timeRuns("ticker-resume-harness", missed + 10_000, runs, "resumed", missed,
            (port, head) -> resume(port, head - missed, head));
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
