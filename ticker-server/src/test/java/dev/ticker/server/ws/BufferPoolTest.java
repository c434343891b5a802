package dev.ticker.server.ws;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BufferPoolTest
{
    @Test
    void shouldLendAtMostItsBoundAndReuseReturnedChunks()
    {
        final BufferPool pool = new BufferPool(1024, 2);
        final ByteBuffer first = pool.acquire();
        final ByteBuffer second = pool.acquire();
        assertNotNull(first);
        assertNotNull(second);
        assertEquals(1024, first.capacity());
        assertNull(pool.acquire());
        assertEquals(2, pool.chunksInUse());

        first.put((byte)1).flip();
        pool.release(first);
        assertEquals(1, pool.chunksInUse());
        final ByteBuffer again = pool.acquire();
        assertSame(first, again);
        assertEquals(0, again.position());
        assertEquals(1024, again.limit());
    }

    @Test
    void shouldRefuseANonPositiveSize()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new BufferPool(0, 2));
        assertEquals("chunkBytes=0: must be positive", ex.getMessage());
    }
}
