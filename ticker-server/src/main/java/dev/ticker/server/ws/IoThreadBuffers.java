package dev.ticker.server.ws;

import java.nio.ByteBuffer;

/**
 * The buffers every WebSocket connection of one I/O thread shares, so an idle connection owns none: the
 * buffer each read lands in (consumed before the read callback returns), a scratch buffer for control
 * frames (copied before the send returns) and the pool that owed bytes borrow from.
 * <p>
 * Thread-confined: create one per XNIO I/O thread and give it only to connections of that thread.
 */
public final class IoThreadBuffers
{
    /** A read buffer that holds a typical burst of client messages in one read. */
    public static final int DEFAULT_READ_BUFFER_BYTES = 16 * 1024;
    /** The chunk size of the owed-bytes pool: one chunk holds a typical frame. */
    public static final int DEFAULT_CHUNK_BYTES = 16 * 1024;

    private final ByteBuffer readBuffer;
    private final ByteBuffer controlFrame = ByteBuffer.allocateDirect(FrameHeaders.MAX_CONTROL_FRAME_LENGTH);
    private final BufferPool pool;

    /** Buffers with a read buffer of {@code readBufferBytes} and owed bytes drawn from {@code pool}. */
    public IoThreadBuffers(final int readBufferBytes, final BufferPool pool)
    {
        if (readBufferBytes < FrameHeaders.MAX_HEADER_LENGTH)
        {
            throw new IllegalArgumentException("readBufferBytes=" + readBufferBytes + ": must hold at least a frame header (" +
                FrameHeaders.MAX_HEADER_LENGTH + " bytes)");
        }
        this.readBuffer = ByteBuffer.allocateDirect(readBufferBytes);
        this.pool = pool;
    }

    /** The buffer reads land in; its content is valid only until the next read on this thread. */
    public ByteBuffer readBuffer()
    {
        return readBuffer;
    }

    /** A cleared scratch buffer big enough for any control frame. */
    public ByteBuffer controlFrame()
    {
        return controlFrame.clear();
    }

    /** The pool owed bytes borrow chunks from. */
    public BufferPool pool()
    {
        return pool;
    }
}
