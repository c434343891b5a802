package dev.ticker.server;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;

import java.nio.ByteBuffer;

/**
 * One WebSocket connection as the stream agent sees it: its subscription, the journal range its
 * frames have covered, and two batch buffers (one filling, one being sent). Owned by the stream
 * agent thread; Undertow's IO threads only flip {@link #sending} back when a frame is written.
 */
final class Session implements WebSocketCallback<Void>
{
    private static final int INITIAL_BATCH_BYTES = 4 * 1024;

    final long id;
    final WebSocketChannel channel;
    final String remote;

    /** Subscribed to every instrument, including ones defined later. */
    boolean all;
    /** Subscribed instrument ids, when not {@link #all}. */
    boolean[] instruments = new boolean[0];
    int symbolCount;

    /** First journal sequence not yet covered by a data frame (or heartbeat) sent to this client. */
    long rangeStart;
    long nextHeartbeatNs;
    boolean closed;

    private BatchEncoder filling;
    private BatchEncoder inFlight;
    private volatile boolean sending;

    Session(final long id, final WebSocketChannel channel, final int maxBufferBytes)
    {
        this.id = id;
        this.channel = channel;
        this.remote = String.valueOf(channel.getSourceAddress());
        // small to start, so that idle connections cost little; a batch grows as bursts need
        final int initial = Math.min(INITIAL_BATCH_BYTES, maxBufferBytes);
        this.filling = new BatchEncoder(initial, maxBufferBytes);
        this.inFlight = new BatchEncoder(initial, maxBufferBytes);
    }

    boolean wants(final int instrumentId)
    {
        return all || (instrumentId < instruments.length && instruments[instrumentId]);
    }

    void subscribe(final int instrumentId)
    {
        if (instrumentId >= instruments.length)
        {
            final boolean[] grown = new boolean[Math.max(instrumentId + 1, instruments.length * 2)];
            System.arraycopy(instruments, 0, grown, 0, instruments.length);
            instruments = grown;
        }
        if (!instruments[instrumentId])
        {
            instruments[instrumentId] = true;
            symbolCount++;
        }
    }

    void unsubscribe(final int instrumentId)
    {
        if (instrumentId < instruments.length && instruments[instrumentId])
        {
            instruments[instrumentId] = false;
            symbolCount--;
        }
    }

    void unsubscribeAll()
    {
        all = false;
        instruments = new boolean[0];
        symbolCount = 0;
    }

    /** The batch being filled for the next frame. */
    BatchEncoder batch()
    {
        return filling;
    }

    /** Whether the previous data frame is still being written to the socket. */
    boolean isSending()
    {
        return sending;
    }

    /**
     * Hands the filled batch, covering [rangeStart, lastSequence], to the socket and starts filling
     * the other one. Call only when {@link #isSending()} is false.
     */
    ByteBuffer swapForSend(final long lastSequence)
    {
        final BatchEncoder sent = filling;
        filling = inFlight;
        inFlight = sent;
        filling.reset();
        final ByteBuffer frame = sent.frame(rangeStart, lastSequence);
        rangeStart = lastSequence + 1;
        sending = true;
        return frame;
    }

    @Override
    public void complete(final WebSocketChannel channel, final Void context)
    {
        sending = false;
    }

    @Override
    public void onError(final WebSocketChannel channel, final Void context, final Throwable throwable)
    {
        // the connection is broken: Undertow closes it, and its close task tells the agent
        sending = false;
    }

    @Override
    public String toString()
    {
        return "session " + id + " (" + remote + ")";
    }
}
