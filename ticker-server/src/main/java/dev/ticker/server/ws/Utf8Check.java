package dev.ticker.server.ws;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a text message or close reason is valid UTF-8 as its bytes arrive, split anywhere,
 * without keeping them: the JDK's decoder with malformed input reported instead of replaced,
 * decoding into a scratch buffer that is thrown away, and the bytes of a character split between
 * chunks carried to the next one. Reused for every message; allocates nothing per chunk.
 */
final class Utf8Check
{
    /** The longest UTF-8 character, so the most bytes a split character leaves behind. */
    private static final int MAX_CHARACTER_BYTES = 4;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer scratch = CharBuffer.allocate(256);
    private final ByteBuffer carry = ByteBuffer.allocate(MAX_CHARACTER_BYTES);
    private final ByteBuffer view = ByteBuffer.allocate(0);
    private boolean invalid;

    /** Starts a new message. */
    void reset()
    {
        decoder.reset();
        carry.clear();
        invalid = false;
    }

    /**
     * Checks {@code length} more bytes of the message, from {@code offset} (absolute) of {@code buffer}.
     *
     * @return false once anything seen so far is not UTF-8.
     */
    boolean update(final ByteBuffer buffer, final int offset, final int length)
    {
        final ByteBuffer in = buffer.duplicate();
        in.limit(offset + length).position(offset);
        while (!invalid && in.hasRemaining())
        {
            if (carry.position() > 0)
            {
                // finish the character split across chunks first, one byte at a time
                carry.put(in.get()).flip();
                decode(carry, false);
                if (carry.hasRemaining())
                {
                    carry.compact();
                    invalid |= carry.position() >= MAX_CHARACTER_BYTES;
                }
                else
                {
                    carry.clear();
                }
                continue;
            }
            decode(in, false);
            if (!invalid && in.hasRemaining())
            {
                // an incomplete character at the end of the chunk: it continues in the next one
                carry.put(in);
            }
        }
        return !invalid;
    }

    /** Whether the whole message was valid UTF-8 and ended on a character boundary. */
    boolean complete()
    {
        if (invalid || carry.position() > 0)
        {
            return false;
        }
        scratch.clear();
        return !decoder.decode(view, scratch, true).isError() && !decoder.flush(scratch).isError();
    }

    /** Checks {@code length} bytes that are a whole text (a close reason). */
    boolean isValid(final ByteBuffer buffer, final int offset, final int length)
    {
        reset();
        return update(buffer, offset, length) && complete();
    }

    private void decode(final ByteBuffer in, final boolean endOfInput)
    {
        CoderResult result;
        do
        {
            scratch.clear();
            result = decoder.decode(in, scratch, endOfInput);
        }
        while (result.isOverflow());
        invalid |= result.isError();
    }
}
