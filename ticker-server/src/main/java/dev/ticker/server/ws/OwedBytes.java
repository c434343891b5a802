package dev.ticker.server.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * The bytes a connection accepted but the socket has not taken yet, in order, in chunks borrowed from a
 * {@link BufferPool} and returned as soon as they are written, so a connection that keeps up holds none.
 * Each chunk is kept ready to write: its position is the next byte to send, its limit the end of the data.
 */
final class OwedBytes
{
    private static final int INITIAL_CHUNK_SLOTS = 4;

    private final BufferPool pool;
    private ByteBuffer[] chunks;
    private int head;
    private int count;
    private long bytes;

    OwedBytes(final BufferPool pool)
    {
        this.pool = pool;
    }

    long bytes()
    {
        return bytes;
    }

    boolean isEmpty()
    {
        return bytes == 0;
    }

    /**
     * Copies {@code src}'s bytes from {@code offset} for {@code length} (absolute; the buffer is unchanged)
     * after those already owed; returns false, having copied nothing, when the pool cannot lend enough chunks.
     */
    boolean append(final ByteBuffer src, final int offset, final int length)
    {
        final long spare = null == chunks || count == 0 ? 0 : spareInTail();
        final long missing = length - spare;
        if (missing > 0)
        {
            final int needed = (int)((missing + pool.chunkBytes() - 1) / pool.chunkBytes());
            if (pool.maxChunks() - pool.chunksInUse() < needed)
            {
                return false;
            }
        }
        int position = offset;
        int left = length;
        while (left > 0)
        {
            if (count == 0 || spareInTail() == 0)
            {
                addChunk(pool.acquire());
            }
            final ByteBuffer tail = chunks[(head + count - 1) % chunks.length];
            final int n = Math.min(left, tail.capacity() - tail.limit());
            final int at = tail.limit();
            tail.limit(at + n);
            tail.put(at, src, position, n);
            position += n;
            left -= n;
        }
        bytes += length;
        return true;
    }

    /** Writes as much as {@code sink} takes in one gathering write; returns the bytes written. */
    long writeTo(final GatheringByteChannel sink) throws IOException
    {
        if (count == 0)
        {
            return 0;
        }
        final long written;
        if (head + count <= chunks.length)
        {
            written = sink.write(chunks, head, count);
        }
        else
        {
            // the ring wraps: write the part up to the array's end now, the rest on the next call
            written = sink.write(chunks, head, chunks.length - head);
        }
        bytes -= written;
        while (count > 0 && !chunks[head].hasRemaining())
        {
            pool.release(chunks[head]);
            chunks[head] = null;
            head = (head + 1) % chunks.length;
            count--;
        }
        if (count == 0)
        {
            head = 0;
            chunks = null;
        }
        return written;
    }

    /** Returns every chunk to the pool and forgets what was owed. */
    void clear()
    {
        while (count > 0)
        {
            pool.release(chunks[head]);
            chunks[head] = null;
            head = (head + 1) % chunks.length;
            count--;
        }
        head = 0;
        chunks = null;
        bytes = 0;
    }

    private int spareInTail()
    {
        final ByteBuffer tail = chunks[(head + count - 1) % chunks.length];
        return tail.capacity() - tail.limit();
    }

    private void addChunk(final ByteBuffer chunk)
    {
        chunk.limit(0);
        if (null == chunks)
        {
            chunks = new ByteBuffer[INITIAL_CHUNK_SLOTS];
        }
        else if (count == chunks.length)
        {
            final ByteBuffer[] grown = new ByteBuffer[chunks.length * 2];
            for (int i = 0; i < count; i++)
            {
                grown[i] = chunks[(head + i) % chunks.length];
            }
            chunks = grown;
            head = 0;
        }
        chunks[(head + count) % chunks.length] = chunk;
        count++;
    }
}
