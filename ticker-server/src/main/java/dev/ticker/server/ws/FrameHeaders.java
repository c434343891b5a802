package dev.ticker.server.ws;

import java.nio.ByteBuffer;

/**
 * The one description of the RFC 6455 frame header layout, with allocation-free writers of the server's
 * frame headers and control frames, so a frame's header and payload leave in one write.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| length7     |    length16 (length7 == 126)  |
 *  |I|S|S|S|  (4)  |A|     (7)     |  or first 16 bits of length64 |
 *  |N|V|V|V|       |S|             |        (length7 == 127)       |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *  |          rest of length64 (length7 == 127), big-endian        |
 *  + - - - - - - - - - - - - - - - +-------------------------------+
 *  |                               | masking key (MASK == 1 only:  |
 *  +-------------------------------+ client to server), 4 bytes    |
 *  |                               | ... then the payload          |
 *  +---------------------------------------------------------------+
 * </pre>
 * Server frames are never masked, so their header is {@link #headerLength(long)} bytes: 2, 4 or 10.
 */
public final class FrameHeaders
{
    /** Bit of the first byte: the final fragment of a message. */
    public static final int FIN_BIT = 0x80;
    /** Bits of the first byte reserved for extensions; none is negotiated, so they must be 0. */
    public static final int RSV_BITS = 0x70;
    /** Bits of the first byte holding the opcode. */
    public static final int OPCODE_MASK = 0x0F;
    /** Bit of the second byte: the payload is masked (set by clients, never by servers). */
    public static final int MASK_BIT = 0x80;
    /** Bits of the second byte holding the 7-bit length or one of the two markers below. */
    public static final int LENGTH7_MASK = 0x7F;
    /** 7-bit length marker: a 16-bit length follows. */
    public static final int LENGTH7_16BIT = 126;
    /** 7-bit length marker: a 64-bit length follows. */
    public static final int LENGTH7_64BIT = 127;
    /** Offset of the 16- or 64-bit extended length. */
    public static final int EXTENDED_LENGTH_OFFSET = 2;
    /** Length of the masking key of a client frame. */
    public static final int MASKING_KEY_LENGTH = 4;
    /** Header length of a frame with a payload of at most 125 bytes. */
    public static final int SHORT_HEADER_LENGTH = 2;
    /** Header length with a 16-bit extended length. */
    public static final int MEDIUM_HEADER_LENGTH = 4;
    /** Header length with a 64-bit extended length. */
    public static final int LONG_HEADER_LENGTH = 10;
    /** The longest header of any frame: 64-bit length and a masking key. */
    public static final int MAX_HEADER_LENGTH = LONG_HEADER_LENGTH + MASKING_KEY_LENGTH;
    /** The largest payload a control frame may carry. */
    public static final int MAX_CONTROL_PAYLOAD = 125;
    /** The largest payload that fits the 7-bit length. */
    public static final int MAX_LENGTH7 = 125;
    /** The largest payload that fits the 16-bit length. */
    public static final int MAX_LENGTH16 = 0xFFFF;
    /** The largest close reason: a control payload less its 2-byte status code. */
    public static final int MAX_CLOSE_REASON_BYTES = MAX_CONTROL_PAYLOAD - 2;
    /** The largest server control frame (header and payload). */
    public static final int MAX_CONTROL_FRAME_LENGTH = SHORT_HEADER_LENGTH + MAX_CONTROL_PAYLOAD;

    public static final int OPCODE_CONTINUATION = 0x0;
    public static final int OPCODE_TEXT = 0x1;
    public static final int OPCODE_BINARY = 0x2;
    public static final int OPCODE_CLOSE = 0x8;
    public static final int OPCODE_PING = 0x9;
    public static final int OPCODE_PONG = 0xA;

    private FrameHeaders()
    {
    }

    /** The header length of a server frame with a payload of {@code payloadLength} bytes: 2, 4 or 10. */
    public static int headerLength(final long payloadLength)
    {
        if (payloadLength < 0)
        {
            throw new IllegalArgumentException("payloadLength=" + payloadLength + ": must not be negative");
        }
        return payloadLength <= MAX_LENGTH7 ? SHORT_HEADER_LENGTH :
            payloadLength <= MAX_LENGTH16 ? MEDIUM_HEADER_LENGTH : LONG_HEADER_LENGTH;
    }

    /**
     * Writes a final, unmasked server frame header at {@code offset} (absolute: the buffer's position is
     * unchanged) and returns its length.
     */
    public static int writeHeader(final ByteBuffer buffer, final int offset, final int opcode, final long payloadLength)
    {
        final int headerLength = headerLength(payloadLength);
        buffer.put(offset, (byte)(FIN_BIT | (opcode & OPCODE_MASK)));
        switch (headerLength)
        {
            case SHORT_HEADER_LENGTH:
                buffer.put(offset + 1, (byte)payloadLength);
                break;
            case MEDIUM_HEADER_LENGTH:
                buffer.put(offset + 1, (byte)LENGTH7_16BIT);
                buffer.put(offset + 2, (byte)(payloadLength >>> 8));
                buffer.put(offset + 3, (byte)payloadLength);
                break;
            default:
                buffer.put(offset + 1, (byte)LENGTH7_64BIT);
                for (int i = 0; i < 8; i++)
                {
                    // byte by byte: the network order holds whatever order the caller set on the buffer
                    buffer.put(offset + EXTENDED_LENGTH_OFFSET + i, (byte)(payloadLength >>> (56 - 8 * i)));
                }
                break;
        }
        return headerLength;
    }

    /** As {@link #writeHeader(ByteBuffer, int, int, long)} into a byte array (big-endian lengths). */
    public static int writeHeader(final byte[] buffer, final int offset, final int opcode, final long payloadLength)
    {
        final int headerLength = headerLength(payloadLength);
        buffer[offset] = (byte)(FIN_BIT | (opcode & OPCODE_MASK));
        switch (headerLength)
        {
            case SHORT_HEADER_LENGTH:
                buffer[offset + 1] = (byte)payloadLength;
                break;
            case MEDIUM_HEADER_LENGTH:
                buffer[offset + 1] = (byte)LENGTH7_16BIT;
                buffer[offset + 2] = (byte)(payloadLength >>> 8);
                buffer[offset + 3] = (byte)payloadLength;
                break;
            default:
                buffer[offset + 1] = (byte)LENGTH7_64BIT;
                for (int i = 0; i < 8; i++)
                {
                    buffer[offset + EXTENDED_LENGTH_OFFSET + i] = (byte)(payloadLength >>> (56 - 8 * i));
                }
                break;
        }
        return headerLength;
    }

    /** Writes an empty ping frame at the buffer's position and advances it; returns the frame length. */
    public static int putPing(final ByteBuffer dst)
    {
        dst.put((byte)(FIN_BIT | OPCODE_PING)).put((byte)0);
        return SHORT_HEADER_LENGTH;
    }

    /**
     * Writes a pong frame echoing {@code payload} (position..limit, unchanged; at most 125 bytes) at
     * {@code dst}'s position and advances it; returns the frame length.
     */
    public static int putPong(final ByteBuffer dst, final ByteBuffer payload)
    {
        final int length = payload.remaining();
        if (length > MAX_CONTROL_PAYLOAD)
        {
            throw new IllegalArgumentException("pong payload of " + length + " bytes: a control frame carries at most " +
                MAX_CONTROL_PAYLOAD);
        }
        dst.put((byte)(FIN_BIT | OPCODE_PONG)).put((byte)length);
        dst.put(dst.position(), payload, payload.position(), length);
        dst.position(dst.position() + length);
        return SHORT_HEADER_LENGTH + length;
    }

    /**
     * Writes a close frame with {@code code} and {@code reason} in UTF-8, cut at a character boundary to
     * fit 123 bytes, at {@code dst}'s position and advances it; returns the frame length.
     */
    public static int putClose(final ByteBuffer dst, final int code, final CharSequence reason)
    {
        final int start = dst.position();
        dst.put((byte)(FIN_BIT | OPCODE_CLOSE)).put((byte)0).put((byte)(code >>> 8)).put((byte)code);
        int reasonBytes = 0;
        for (int i = 0, n = reason.length(); i < n; i++)
        {
            final char c = reason.charAt(i);
            final int codePoint;
            final int chars;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(reason.charAt(i + 1)))
            {
                codePoint = Character.toCodePoint(c, reason.charAt(i + 1));
                chars = 2;
            }
            else
            {
                // an unpaired surrogate cannot be encoded: UTF-8 encoders write '?' for it too
                codePoint = Character.isSurrogate(c) ? '?' : c;
                chars = 1;
            }
            final int length = utf8Length(codePoint);
            if (reasonBytes + length > MAX_CLOSE_REASON_BYTES)
            {
                break;
            }
            putUtf8(dst, codePoint);
            reasonBytes += length;
            i += chars - 1;
        }
        dst.put(start + 1, (byte)(2 + reasonBytes));
        return SHORT_HEADER_LENGTH + 2 + reasonBytes;
    }

    private static int utf8Length(final int codePoint)
    {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    private static void putUtf8(final ByteBuffer dst, final int codePoint)
    {
        if (codePoint < 0x80)
        {
            dst.put((byte)codePoint);
        }
        else if (codePoint < 0x800)
        {
            dst.put((byte)(0xC0 | (codePoint >>> 6))).put((byte)(0x80 | (codePoint & 0x3F)));
        }
        else if (codePoint < 0x10000)
        {
            dst.put((byte)(0xE0 | (codePoint >>> 12)))
                .put((byte)(0x80 | ((codePoint >>> 6) & 0x3F)))
                .put((byte)(0x80 | (codePoint & 0x3F)));
        }
        else
        {
            dst.put((byte)(0xF0 | (codePoint >>> 18)))
                .put((byte)(0x80 | ((codePoint >>> 12) & 0x3F)))
                .put((byte)(0x80 | ((codePoint >>> 6) & 0x3F)))
                .put((byte)(0x80 | (codePoint & 0x3F)));
        }
    }
}
