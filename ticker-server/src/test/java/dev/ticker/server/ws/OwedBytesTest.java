package dev.ticker.server.ws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwedBytesTest
{
    private final BufferPool pool = new BufferPool(100, 8);
    private final OwedBytes owed = new OwedBytes(pool);

    @Test
    void shouldWriteEveryByteInOrderAcrossChunksAndReturnThemWhenWritten() throws Exception
    {
        final byte[] bytes = new byte[750];
        new Random(2).nextBytes(bytes);
        final ByteBuffer source = ByteBuffer.wrap(bytes);
        assertTrue(owed.append(source, 0, 250));
        assertTrue(owed.append(source, 250, 500));
        assertEquals(0, source.position());
        assertEquals(750, owed.bytes());
        assertEquals(8, pool.chunksInUse());

        final TrickleChannel sink = new TrickleChannel(33);
        while (!owed.isEmpty())
        {
            assertTrue(owed.writeTo(sink) > 0);
            assertTrue(pool.chunksInUse() <= (owed.bytes() + 99) / 100 + 1, "chunks kept after writing");
        }
        assertArrayEquals(bytes, sink.written.toByteArray());
        assertEquals(0, pool.chunksInUse());
    }

    @Test
    void shouldTakeNothingWhenThePoolCannotHoldIt()
    {
        assertTrue(owed.append(ByteBuffer.allocate(750), 0, 750));
        assertFalse(owed.append(ByteBuffer.allocate(51), 0, 51));
        assertEquals(750, owed.bytes());
        assertTrue(owed.append(ByteBuffer.allocate(50), 0, 50));
        owed.clear();
        assertEquals(0, owed.bytes());
        assertEquals(0, pool.chunksInUse());
    }

    /** A channel that takes at most a few bytes per write, as a full socket does. */
    private static final class TrickleChannel implements GatheringByteChannel
    {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private final int bytesPerWrite;

        TrickleChannel(final int bytesPerWrite)
        {
            this.bytesPerWrite = bytesPerWrite;
        }

        @Override
        public long write(final ByteBuffer[] srcs, final int offset, final int length)
        {
            int left = bytesPerWrite;
            for (int i = offset; i < offset + length && left > 0; i++)
            {
                while (srcs[i].hasRemaining() && left > 0)
                {
                    written.write(srcs[i].get());
                    left--;
                }
            }
            return bytesPerWrite - left;
        }

        @Override
        public long write(final ByteBuffer[] srcs)
        {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(final ByteBuffer src)
        {
            return (int)write(new ByteBuffer[] {src}, 0, 1);
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }

        @Override
        public void close()
        {
        }
    }
}
