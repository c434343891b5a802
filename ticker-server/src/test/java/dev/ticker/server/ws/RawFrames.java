package dev.ticker.server.ws;

import java.util.Random;

/** Client frames built by hand, for what a well-behaved encoder refuses to produce. */
final class RawFrames
{
    private static final Random RANDOM = new Random(1);

    private RawFrames()
    {
    }

    /** A masked frame with first byte {@code firstByte} and {@code payload} (up to 65535 bytes). */
    static byte[] masked(final int firstByte, final byte[] payload)
    {
        return masked(firstByte, payload, RANDOM);
    }

    /** As {@link #masked(int, byte[])}, with the mask drawn from {@code random}. */
    static byte[] masked(final int firstByte, final byte[] payload, final Random random)
    {
        final int lengthBytes = payload.length <= 125 ? 0 : 2;
        final byte[] frame = new byte[2 + lengthBytes + 4 + payload.length];
        frame[0] = (byte)firstByte;
        if (lengthBytes == 0)
        {
            frame[1] = (byte)(0x80 | payload.length);
        }
        else
        {
            frame[1] = (byte)(0x80 | 126);
            frame[2] = (byte)(payload.length >>> 8);
            frame[3] = (byte)payload.length;
        }
        final byte[] key = new byte[4];
        random.nextBytes(key);
        System.arraycopy(key, 0, frame, 2 + lengthBytes, 4);
        for (int i = 0; i < payload.length; i++)
        {
            frame[2 + lengthBytes + 4 + i] = (byte)(payload[i] ^ key[i & 3]);
        }
        return frame;
    }
}
