package dev.ticker.server.session;

import io.undertow.websockets.core.StreamSourceFrameChannel;
import org.xnio.ChannelListener;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads one client WebSocket message, all its fragments, into a buffer of at most {@code maxBytes},
 * without blocking the IO thread. Undertow's own buffered reader answers an oversized message with
 * close 1009 before the application can say why; this one reports it to its {@link Sink} instead,
 * so that the stream agent can send the client an Error first, and then reads the rest of the
 * message to nowhere, so that the frames after it (the peer's close) are still read. A reader
 * made with {@code keep} false discards the whole message (text frames, messages after a
 * violation).
 */
final class InboundMessageReader implements ChannelListener<StreamSourceFrameChannel>
{
    /** What the reader tells the connection. Called on the connection's IO thread. */
    interface Sink
    {
        /** Bytes of the message arrived: the peer is alive. */
        void onActivity();

        /** The whole message, when it was kept and not over the limit. */
        void onMessage(ByteBuffer message);

        /** The message has grown over the limit; the rest of it will be discarded. */
        void onTooLarge(long bytesSoFar);

        void onReadError(IOException error);
    }

    private static final int INITIAL_BYTES = 256;
    private static final int DISCARD_BYTES = 4 * 1024;

    private final Sink sink;
    private final int maxBytes;
    private ByteBuffer buffer;
    private long bytesRead;
    private boolean discarding;

    InboundMessageReader(final Sink sink, final int maxBytes, final boolean keep)
    {
        this.sink = sink;
        this.maxBytes = maxBytes;
        this.discarding = !keep;
        this.buffer = ByteBuffer.allocate(keep ? Math.min(INITIAL_BYTES, maxBytes + 1) : DISCARD_BYTES);
    }

    /** Reads what has arrived, and goes on as more arrives until the message ends. */
    void start(final StreamSourceFrameChannel frames)
    {
        if (!readAvailable(frames))
        {
            frames.getReadSetter().set(this);
            frames.resumeReads();
        }
    }

    @Override
    public void handleEvent(final StreamSourceFrameChannel frames)
    {
        if (readAvailable(frames))
        {
            frames.suspendReads();
        }
    }

    /** @return whether the message has ended (or failed). */
    private boolean readAvailable(final StreamSourceFrameChannel frames)
    {
        try
        {
            while (true)
            {
                if (discarding)
                {
                    buffer.clear();
                }
                else if (!buffer.hasRemaining())
                {
                    grow();
                }
                final int read = frames.read(buffer);
                if (read < 0)
                {
                    if (!discarding)
                    {
                        sink.onMessage(buffer.flip());
                    }
                    return true;
                }
                if (read == 0)
                {
                    return false;
                }
                sink.onActivity();
                bytesRead += read;
                if (!discarding && bytesRead > maxBytes)
                {
                    discarding = true;
                    buffer = ByteBuffer.allocate(DISCARD_BYTES);
                    sink.onTooLarge(bytesRead);
                }
            }
        }
        catch (final IOException ex)
        {
            sink.onReadError(ex);
            return true;
        }
    }

    /** Doubles the buffer, up to one byte over the limit: enough to tell that a message is too large. */
    private void grow()
    {
        final ByteBuffer grown = ByteBuffer.allocate((int)Math.min(2L * buffer.capacity(), maxBytes + 1L));
        grown.put(buffer.flip());
        buffer = grown;
    }
}
