package dev.ticker.benchmarks.load;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One load-test connection. A fast client takes every frame as it comes; a slow one takes one frame
 * per {@code slowReadDelayMs}, leaving the rest in the socket buffers, as a client on a bad link
 * would. Frames are reassembled in one reusable array and scanned without building messages.
 */
final class LoadClient implements WebSocket.Listener
{
    private final ClientStats stats;
    private final EpochNanoClock clock;
    private final ScheduledExecutorService slowReads;
    private final long slowReadDelayMs;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private byte[] frame = new byte[64 * 1024];
    private int length;
    private volatile WebSocket webSocket;
    private volatile String closeReason = "";
    private volatile String failure;

    /** @param slowReadDelayMs 0 for a fast client. */
    LoadClient(final ClientStats stats, final EpochNanoClock clock, final ScheduledExecutorService slowReads, final long slowReadDelayMs)
    {
        this.stats = stats;
        this.clock = clock;
        this.slowReads = slowReads;
        this.slowReadDelayMs = slowReadDelayMs;
    }

    ClientStats stats()
    {
        return stats;
    }

    WebSocket webSocket()
    {
        return webSocket;
    }

    CompletableFuture<Integer> closed()
    {
        return closed;
    }

    String closeReason()
    {
        return closeReason;
    }

    String failure()
    {
        return failure;
    }

    @Override
    public void onOpen(final WebSocket webSocket)
    {
        this.webSocket = webSocket;
        webSocket.request(slowReadDelayMs == 0 ? Long.MAX_VALUE : 1);
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
    {
        final int remaining = data.remaining();
        if (length + remaining > frame.length)
        {
            final byte[] grown = new byte[Math.max(frame.length * 2, length + remaining)];
            System.arraycopy(frame, 0, grown, 0, length);
            frame = grown;
        }
        data.get(frame, length, remaining);
        length += remaining;
        if (last)
        {
            try
            {
                FrameScanner.scan(frame, length, clock.epochNanos(), stats);
            }
            catch (final IOException ex)
            {
                failure = "an invalid frame of " + length + " bytes: " + ex.getMessage();
                webSocket.abort();
            }
            length = 0;
            if (slowReadDelayMs != 0)
            {
                slowReads.schedule(() -> webSocket.request(1), slowReadDelayMs, TimeUnit.MILLISECONDS);
            }
        }
        else if (slowReadDelayMs != 0)
        {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        failure = "a text frame; the protocol is binary";
        webSocket.abort();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error)
    {
        if (null == failure)
        {
            failure = String.valueOf(error);
        }
        closed.complete(-1);
    }
}
