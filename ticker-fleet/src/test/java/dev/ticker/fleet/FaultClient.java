package dev.ticker.fleet;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client of the fleet's fault suite: streams every tick from one edge and, whenever that edge
 * dies, goes silent or is cut off, resumes on the next one with the sequence it holds. Checks the
 * protocol's continuity rule on every frame (each starts right after what the client holds) and
 * that every resume is served from the next sequence; a resume an edge cannot serve
 * ({@code RESUME_UNAVAILABLE}: it is too far behind) is tried again elsewhere, never taken as a
 * fresh start. Runs until the file {@code DIR/stop} appears.
 *
 * <p>Arguments: status folder, edge WebSocket URLs separated by commas. Writes {@code DIR/covered}
 * as it goes and {@code DIR/result} ({@code OK ...} or {@code FAIL why}) at the end.
 */
public final class FaultClient
{
    private static final long SILENCE_MS = 3_000;
    private static final long MAX_RUN_MS = 15 * 60_000;
    private static final Subscribe ALL = Subscribe.newBuilder().setRequestId(1).setAll(true).build();

    private final Path dir;
    private final String[] edges;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private long covered = -1;
    private long ticks;
    private int resumes;
    private int unavailable;

    private FaultClient(final Path dir, final String[] edges)
    {
        this.dir = dir;
        this.edges = edges;
    }

    public static void main(final String[] args) throws Exception
    {
        final FaultClient client = new FaultClient(Path.of(args[0]), args[1].split(","));
        String result;
        try
        {
            client.run();
            result = "OK covered=" + client.covered + " ticks=" + client.ticks + " resumes=" + client.resumes +
                " resume-unavailable=" + client.unavailable;
        }
        catch (final IllegalStateException ex)
        {
            result = "FAIL " + ex.getMessage();
        }
        System.out.println(result);
        Files.writeString(client.dir.resolve("result"), result + "\n");
        System.exit(result.startsWith("OK") ? 0 : 1);
    }

    private void run() throws Exception
    {
        final long deadline = System.currentTimeMillis() + MAX_RUN_MS;
        int edge = 0;
        while (!Files.exists(dir.resolve("stop")) && System.currentTimeMillis() < deadline)
        {
            final long startMs = System.currentTimeMillis();
            final String why = stream(edges[edge]);
            final int next = (edge + 1) % edges.length;
            log("left " + edges[edge] + " at sequence " + covered + " (" + why + "), after " +
                (System.currentTimeMillis() - startMs) + " ms there; resuming on " + edges[next]);
            edge = next;
            Thread.sleep(100);
        }
    }

    /** Streams from one edge until it fails or the run stops; returns why it left. */
    private String stream(final String url) throws Exception
    {
        final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        final WebSocket socket;
        try
        {
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(3))
                .buildAsync(URI.create(url), new Listener(inbox)).get(5, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            return "cannot connect: " + ex.getClass().getSimpleName();
        }
        final boolean resuming = covered >= 0;
        final long resumeStartMs = System.currentTimeMillis();
        final ClientMessage request = resuming ?
            ClientMessage.newBuilder().setResume(Resume.newBuilder().setRequestId(2).setLastSequence(covered).addSubscriptions(ALL)).build() :
            ClientMessage.newBuilder().setSubscribe(ALL).build();
        socket.sendBinary(ByteBuffer.wrap(request.toByteArray()), true).get(5, TimeUnit.SECONDS);
        boolean acked = false;
        boolean firstData = true;
        try
        {
            while (!Files.exists(dir.resolve("stop")))
            {
                final Object item = inbox.poll(SILENCE_MS, TimeUnit.MILLISECONDS);
                if (null == item)
                {
                    return "silent for " + SILENCE_MS + " ms";
                }
                if (item instanceof String closed)
                {
                    return closed;
                }
                final ServerMessage message = (ServerMessage)item;
                if (message.hasSubscribed())
                {
                    if (resuming && message.getSubscribed().getEffectiveSequence() != covered + 1)
                    {
                        throw new IllegalStateException(url + " answered the resume from " + covered + " with effective sequence " +
                            message.getSubscribed().getEffectiveSequence());
                    }
                    if (resuming)
                    {
                        resumes++;
                    }
                    acked = true;
                }
                else if (message.hasSnapshot() && covered < 0)
                {
                    covered = message.getSnapshot().getAsOfSequence();
                }
                else if (message.hasData())
                {
                    if (message.getData().getFirstSequence() != covered + 1)
                    {
                        throw new IllegalStateException(url + " sent a frame from " + message.getData().getFirstSequence() +
                            " to a client holding " + covered + (message.getData().getFirstSequence() <= covered ? ": a duplicate" : ": a gap"));
                    }
                    if (firstData && resuming)
                    {
                        log("resumed on " + url + " from " + covered + ": first frame " + (System.currentTimeMillis() - resumeStartMs) + " ms after connecting");
                    }
                    firstData = false;
                    ticks += message.getData().getTicksCount();
                    covered = message.getData().getLastSequence();
                    Files.writeString(dir.resolve("covered"), covered + "\n");
                }
                else if (message.hasHeartbeat() && acked && covered >= 0)
                {
                    covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
                }
                else if (message.hasError())
                {
                    if (message.getError().getCode() == ErrorCode.ERROR_CODE_RESUME_UNAVAILABLE)
                    {
                        // this edge was too far behind (cut off): what follows would skip ticks, so try elsewhere
                        unavailable++;
                    }
                    return "error " + message.getError().getCode() + ": " + message.getError().getMessage();
                }
            }
            return "stopped";
        }
        finally
        {
            socket.abort();
        }
    }

    private static void log(final String text)
    {
        System.out.println(java.time.LocalTime.now() + " client: " + text);
    }

    private static final class Listener implements WebSocket.Listener
    {
        private final LinkedBlockingQueue<Object> inbox;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        Listener(final LinkedBlockingQueue<Object> inbox)
        {
            this.inbox = inbox;
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
                    inbox.add(ServerMessage.parseFrom(partial.toByteArray()));
                }
                catch (final com.google.protobuf.InvalidProtocolBufferException ex)
                {
                    inbox.add("undecodable frame: " + ex.getMessage());
                }
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            inbox.add("closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            inbox.add("connection error: " + error);
        }

    }
}
