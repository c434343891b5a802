package dev.ticker.server.ws;

import java.nio.ByteBuffer;

/**
 * Fixed-size direct chunks lent to connections for the bytes a socket did not take at once, so a
 * connection holds output memory only while it is behind, and all connections of one I/O thread
 * together hold at most {@code maxChunks} chunks.
 * <p>
 * Thread-confined: one pool per I/O thread, used only on that thread, so it needs no lock. Chunks are
 * allocated on first demand and kept for reuse once returned.
 */
public final class BufferPool
{
    private final int chunkBytes;
    private final int maxChunks;
    private final ByteBuffer[] free;
    private int freeCount;
    private int allocated;

    /** A pool of at most {@code maxChunks} chunks of {@code chunkBytes} bytes each. */
    public BufferPool(final int chunkBytes, final int maxChunks)
    {
        if (chunkBytes <= 0)
        {
            throw new IllegalArgumentException("chunkBytes=" + chunkBytes + ": must be positive");
        }
        if (maxChunks <= 0)
        {
            throw new IllegalArgumentException("maxChunks=" + maxChunks + ": must be positive");
        }
        this.chunkBytes = chunkBytes;
        this.maxChunks = maxChunks;
        this.free = new ByteBuffer[Math.min(maxChunks, 1024)];
    }

    /** The size of each chunk. */
    public int chunkBytes()
    {
        return chunkBytes;
    }

    /** The most chunks the pool lends at once. */
    public int maxChunks()
    {
        return maxChunks;
    }

    /** Chunks lent and not yet returned. */
    public int chunksInUse()
    {
        return allocated - freeCount;
    }

    /** An empty chunk (position 0, limit at capacity), or null when all {@link #maxChunks()} are lent. */
    public ByteBuffer acquire()
    {
        if (freeCount > 0)
        {
            final ByteBuffer chunk = free[--freeCount];
            free[freeCount] = null;
            return chunk.clear();
        }
        if (allocated >= maxChunks)
        {
            return null;
        }
        allocated++;
        return ByteBuffer.allocateDirect(chunkBytes);
    }

    /** Returns a chunk taken from {@link #acquire()}; the caller must not use it afterwards. */
    public void release(final ByteBuffer chunk)
    {
        if (freeCount < free.length)
        {
            free[freeCount++] = chunk;
        }
        else
        {
            // beyond the free list's size the chunk is left to the collector and may be allocated again
            allocated--;
        }
    }
}
