package dev.ticker.server.ws;

import java.nio.ByteBuffer;

/**
 * An incremental UTF-8 validator, so a text message or close reason split across frames and reads can
 * be checked without keeping its bytes. It is the DFA of Bjoern Hoehrmann's "Flexible and Economical
 * UTF-8 Decoder": it rejects overlong forms, surrogates and code points above U+10FFFF.
 */
public final class Utf8Validator
{
    /** The state after a complete, valid sequence. */
    public static final int ACCEPT = 0;
    /** The state once any invalid byte was seen; it never leaves it. */
    public static final int REJECT = 12;

    private static final byte[] CHARACTER_CLASS = new byte[256];
    private static final byte[] TRANSITION = {
        0, 12, 24, 36, 60, 96, 84, 12, 12, 12, 48, 72, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
        12, 0, 12, 12, 12, 12, 12, 0, 12, 0, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 24, 12, 12,
        12, 12, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 12, 12, 24, 12, 12,
        12, 12, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12, 12, 36, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12,
        12, 36, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    };

    static
    {
        for (int b = 0x80; b <= 0x8F; b++)
        {
            CHARACTER_CLASS[b] = 1;
        }
        for (int b = 0x90; b <= 0x9F; b++)
        {
            CHARACTER_CLASS[b] = 9;
        }
        for (int b = 0xA0; b <= 0xBF; b++)
        {
            CHARACTER_CLASS[b] = 7;
        }
        CHARACTER_CLASS[0xC0] = 8;
        CHARACTER_CLASS[0xC1] = 8;
        for (int b = 0xC2; b <= 0xDF; b++)
        {
            CHARACTER_CLASS[b] = 2;
        }
        CHARACTER_CLASS[0xE0] = 10;
        for (int b = 0xE1; b <= 0xEF; b++)
        {
            CHARACTER_CLASS[b] = 3;
        }
        CHARACTER_CLASS[0xED] = 4;
        CHARACTER_CLASS[0xF0] = 11;
        CHARACTER_CLASS[0xF1] = 6;
        CHARACTER_CLASS[0xF2] = 6;
        CHARACTER_CLASS[0xF3] = 6;
        CHARACTER_CLASS[0xF4] = 5;
        for (int b = 0xF5; b <= 0xFF; b++)
        {
            CHARACTER_CLASS[b] = 8;
        }
    }

    private Utf8Validator()
    {
    }

    /**
     * Continues validation from {@code state} over {@code buffer}'s bytes from {@code offset} (absolute)
     * for {@code length} bytes; returns the new state: {@link #ACCEPT} at a character boundary,
     * {@link #REJECT} once invalid, anything else inside a character.
     */
    public static int update(final int state, final ByteBuffer buffer, final int offset, final int length)
    {
        int s = state;
        for (int i = offset, end = offset + length; i < end && s != REJECT; i++)
        {
            s = TRANSITION[s + CHARACTER_CLASS[buffer.get(i) & 0xFF]];
        }
        return s;
    }
}
