package dev.ticker.server.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.NanoClock;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * One upgraded WebSocket connection, read and written only on its XNIO I/O thread, so whoever builds a
 * frame on that thread writes it to the socket at once, header and payload in one write, with no lock
 * and no hand-off. Back-pressure is a return value: a data frame is refused while bytes are still owed,
 * control frames queue behind them. An idle connection holds no buffer: reads use its thread's shared
 * buffer and owed bytes borrow pooled chunks only while they exist.
 * <p>
 * Every method must be called on {@link StreamConnection#getIoThread()}, and so is every callback.
 */
public final class WebSocketConnection implements Outbound
{
    /** The frame was written or accepted for writing; the caller may reuse its buffer. */
    public static final int SENT = 1;
    /** Nothing taken: bytes from earlier frames are still owed. Wait for {@link Listener#onDrained()}. */
    public static final int BACK_PRESSURED = -2;
    /** Nothing taken: the connection is closing or closed. */
    public static final int CLOSED = -4;

    /** What the connection tells its owner, always on its I/O thread. */
    public interface Listener
    {
        /** A complete binary message, position..limit, valid only during the call. */
        void onMessage(ByteBuffer payload);

        /** A complete text message (valid UTF-8), which the owner may refuse with {@link CloseCodes#UNSUPPORTED_DATA}. */
        void onTextMessage();

        /**
         * The peer broke the protocol (1002), sent invalid UTF-8 (1007) or a message above the maximum
         * size (1009). The owner may send a last message with {@link #offerControl(ByteBuffer)} and
         * {@link #close(int, String)}; if it does not close, the connection closes with {@code closeCode}.
         */
        void onViolation(int closeCode, String why);

        /** Every owed byte was written: data frames are accepted again. */
        void onDrained();

        /** The connection ended, whatever the cause; told exactly once. */
        void onClosed();
    }

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int ENDED = 2;
    private static final int MAX_READS_PER_EVENT = 16;
    private long bytesSent;
    private static final int MAX_WRITES_PER_EVENT = 16;

    private final StreamConnection connection;
    private final ConduitStreamSourceChannel source;
    private final ConduitStreamSinkChannel sink;
    private final IoThreadBuffers buffers;
    private final OwedBytes owed;
    private final FrameReader reader;
    private final long closeTimeoutNs;
    private final NanoClock clock;
    private final Listener listener;

    private int state = OPEN;
    private boolean flushPending;
    private long lastHeardNs;
    private int closeCode = CloseCodes.ABNORMAL;
    private int pendingCloseCode = CloseCodes.ABNORMAL;
    private XnioExecutor.Key closeDeadline;

    /**
     * A connection over {@code connection}, sharing {@code buffers} with the other connections of its
     * I/O thread, refusing binary messages above {@code maxMessageBytes}, and giving a close handshake
     * {@code closeTimeoutNs} to complete before the socket is dropped.
     */
    public WebSocketConnection(
        final StreamConnection connection,
        final IoThreadBuffers buffers,
        final int maxMessageBytes,
        final long closeTimeoutNs,
        final NanoClock clock,
        final Listener listener)
    {
        if (closeTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("closeTimeoutNs=" + closeTimeoutNs + ": must be positive");
        }
        this.connection = connection;
        this.source = connection.getSourceChannel();
        this.sink = connection.getSinkChannel();
        this.buffers = buffers;
        this.owed = new OwedBytes(buffers.pool());
        this.reader = new FrameReader(new ReaderHandler(), maxMessageBytes);
        this.closeTimeoutNs = closeTimeoutNs;
        this.clock = clock;
        this.listener = listener;
    }

    /** Starts reading: call once, on the connection's I/O thread. */
    public void start()
    {
        lastHeardNs = clock.nanoTime();
        source.setReadListener(channel -> onReadable());
        sink.setWriteListener(channel -> onWritable());
        connection.setCloseListener(channel -> end());
        source.resumeReads();
    }

    /**
     * Offers a complete data frame (header included, position..limit, both left unchanged): written at once
     * in one write, its unwritten rest copied to owed bytes. Returns {@link #SENT}, or {@link #BACK_PRESSURED}
     * without taking anything while bytes are owed, or {@link #CLOSED}.
     */
    @Override
    public int offer(final ByteBuffer frame)
    {
        if (state != OPEN)
        {
            return CLOSED;
        }
        if (!owed.isEmpty() || flushPending)
        {
            return BACK_PRESSURED;
        }
        return send(frame) ? SENT : CLOSED;
    }

    /**
     * Offers a frame that must go even while back-pressured (replies, errors, heartbeats): queued after the
     * owed bytes, in order. Returns {@link #SENT} or {@link #CLOSED}.
     */
    @Override
    public int offerControl(final ByteBuffer frame)
    {
        if (state != OPEN)
        {
            return CLOSED;
        }
        return send(frame) ? SENT : CLOSED;
    }

    /** Sends an empty ping, as a control frame. Returns {@link #SENT} or {@link #CLOSED}. */
    public int sendPing()
    {
        final ByteBuffer frame = buffers.controlFrame();
        FrameHeaders.putPing(frame);
        return offerControl(frame.flip());
    }

    /** Bytes of every frame accepted for sending since the connection opened, for its audit line. */
    public long bytesSent()
    {
        return bytesSent;
    }

    /** Bytes accepted and not yet written to the socket. */
    @Override
    public long owedBytes()
    {
        return owed.bytes();
    }

    /** When the peer last sent any bytes, on the connection's clock. */
    public long lastHeardNs()
    {
        return lastHeardNs;
    }

    /**
     * The code of the first close frame written or received; {@link CloseCodes#ABNORMAL} while there was
     * none (the connection is open, or ended without a close handshake).
     */
    public int closeCode()
    {
        return closeCode;
    }

    /** Whether the connection is open for frames (no close begun). */
    public boolean isOpen()
    {
        return state == OPEN;
    }

    /** Whether the connection ended and released everything. */
    public boolean isEnded()
    {
        return state == ENDED;
    }

    /**
     * Starts the close handshake: the close frame goes after the owed bytes; once the peer answers the socket
     * closes. If that takes longer than the close timeout (including a peer that never reads), the connection
     * is aborted. Does nothing if closing already.
     */
    @Override
    public void close(final int code, final String reason)
    {
        if (state != OPEN)
        {
            return;
        }
        final ByteBuffer frame = buffers.controlFrame();
        FrameHeaders.putClose(frame, code, reason);
        beginClose(code, frame.flip());
    }

    /** Closes the socket now and frees the owed bytes. */
    @Override
    public void abort()
    {
        end();
    }

    private void beginClose(final int code, final ByteBuffer closeFrame)
    {
        state = CLOSING;
        pendingCloseCode = code;
        closeDeadline = connection.getIoThread().executeAfter(this::onCloseDeadline, closeTimeoutNs, TimeUnit.NANOSECONDS);
        if (send(closeFrame) && owed.isEmpty() && !flushPending)
        {
            onCloseFrameWritten();
        }
    }

    private void onCloseFrameWritten()
    {
        if (closeCode == CloseCodes.ABNORMAL)
        {
            closeCode = pendingCloseCode;
        }
        if (reader.isDone())
        {
            // the peer's close frame came already, or a protocol error stopped reading: nothing more to wait for
            end();
        }
    }

    private void onCloseDeadline()
    {
        closeDeadline = null;
        end();
    }

    private boolean send(final ByteBuffer frame)
    {
        final int position = frame.position();
        final int length = frame.remaining();
        bytesSent += length;
        if (!owed.isEmpty())
        {
            return appendOwed(frame, position, length);
        }
        final int written;
        try
        {
            written = sink.write(frame);
            frame.position(position);
            if (written == length && !sink.flush())
            {
                flushPending = true;
                sink.resumeWrites();
            }
        }
        catch (final IOException ex)
        {
            frame.position(position);
            end();
            return false;
        }
        if (written < length)
        {
            if (!appendOwed(frame, position + written, length - written))
            {
                return false;
            }
            sink.resumeWrites();
        }
        return true;
    }

    private boolean appendOwed(final ByteBuffer frame, final int offset, final int length)
    {
        if (owed.append(frame, offset, length))
        {
            return true;
        }
        // the thread's pool is exhausted: part of a frame may be out already, so the stream cannot continue
        end();
        return false;
    }

    private void onWritable()
    {
        try
        {
            for (int i = 0; i < MAX_WRITES_PER_EVENT && !owed.isEmpty(); i++)
            {
                if (owed.writeTo(sink) == 0)
                {
                    return;
                }
            }
            if (!owed.isEmpty() || !sink.flush())
            {
                return;
            }
        }
        catch (final IOException ex)
        {
            end();
            return;
        }
        flushPending = false;
        sink.suspendWrites();
        if (state == CLOSING)
        {
            onCloseFrameWritten();
        }
        else if (state == OPEN)
        {
            listener.onDrained();
        }
    }

    private void onReadable()
    {
        final ByteBuffer buffer = buffers.readBuffer();
        for (int i = 0; i < MAX_READS_PER_EVENT && state != ENDED; i++)
        {
            buffer.clear();
            final int read;
            try
            {
                read = source.read(buffer);
            }
            catch (final IOException ex)
            {
                end();
                return;
            }
            if (read < 0)
            {
                end();
                return;
            }
            if (read == 0)
            {
                return;
            }
            lastHeardNs = clock.nanoTime();
            if (!reader.isDone())
            {
                reader.onData(buffer.flip());
            }
        }
    }

    private void onViolation(final int code, final String why)
    {
        if (state != OPEN)
        {
            return;
        }
        listener.onViolation(code, why);
        close(code, why);
    }

    private void end()
    {
        if (state == ENDED)
        {
            return;
        }
        state = ENDED;
        if (null != closeDeadline)
        {
            closeDeadline.remove();
            closeDeadline = null;
        }
        owed.clear();
        IoUtils.safeClose(connection);
        listener.onClosed();
    }

    /** Turns what the reader finds into replies and the listener's callbacks. */
    private final class ReaderHandler implements FrameReader.Handler
    {
        @Override
        public void onBinary(final ByteBuffer payload)
        {
            if (state == OPEN)
            {
                listener.onMessage(payload);
            }
        }

        @Override
        public void onText()
        {
            if (state == OPEN)
            {
                listener.onTextMessage();
            }
        }

        @Override
        public void onPing(final ByteBuffer payload)
        {
            if (state == OPEN)
            {
                final ByteBuffer frame = buffers.controlFrame();
                FrameHeaders.putPong(frame, payload);
                offerControl(frame.flip());
            }
        }

        @Override
        public void onPong()
        {
            // lastHeardNs already records that the peer is alive
        }

        @Override
        public void onClose(final int code, final String reason)
        {
            if (state == OPEN)
            {
                closeCode = code;
                final ByteBuffer frame = buffers.controlFrame();
                if (code == CloseCodes.NO_STATUS)
                {
                    frame.put((byte)(FrameHeaders.FIN_BIT | FrameHeaders.OPCODE_CLOSE)).put((byte)0);
                }
                else
                {
                    FrameHeaders.putClose(frame, code, "");
                }
                beginClose(code, frame.flip());
            }
            else if (state == CLOSING)
            {
                final boolean oursWritten = owed.isEmpty() && !flushPending;
                if (oursWritten)
                {
                    end();
                }
                else if (closeCode == CloseCodes.ABNORMAL)
                {
                    // the peer's close frame is out before ours: it is the first; the socket closes once ours is written
                    closeCode = code;
                }
            }
        }

        @Override
        public void onTooLarge(final long bytesSoFar)
        {
            onViolation(CloseCodes.MESSAGE_TOO_BIG, "message of " + bytesSoFar + " bytes or more is above the maximum of " +
                maxMessageBytes() + " bytes");
        }

        @Override
        public void onProtocolError(final int code, final String why)
        {
            onViolation(code, why);
        }
    }

    private int maxMessageBytes()
    {
        return reader.maxMessageBytes();
    }
}
