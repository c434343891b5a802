package dev.ticker.server.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static dev.ticker.server.ws.FrameHeaders.FIN_BIT;
import static dev.ticker.server.ws.FrameHeaders.LENGTH7_16BIT;
import static dev.ticker.server.ws.FrameHeaders.LENGTH7_64BIT;
import static dev.ticker.server.ws.FrameHeaders.LENGTH7_MASK;
import static dev.ticker.server.ws.FrameHeaders.MASKING_KEY_LENGTH;
import static dev.ticker.server.ws.FrameHeaders.MASK_BIT;
import static dev.ticker.server.ws.FrameHeaders.MAX_CONTROL_PAYLOAD;
import static dev.ticker.server.ws.FrameHeaders.OPCODE_BINARY;
import static dev.ticker.server.ws.FrameHeaders.OPCODE_CLOSE;
import static dev.ticker.server.ws.FrameHeaders.OPCODE_CONTINUATION;
import static dev.ticker.server.ws.FrameHeaders.OPCODE_MASK;
import static dev.ticker.server.ws.FrameHeaders.OPCODE_PING;
import static dev.ticker.server.ws.FrameHeaders.OPCODE_PONG;
import static dev.ticker.server.ws.FrameHeaders.OPCODE_TEXT;
import static dev.ticker.server.ws.FrameHeaders.RSV_BITS;

/**
 * Decodes the frames a WebSocket client sends from chunks of bytes cut anywhere, enforcing RFC 6455, so
 * a connection needs no buffer of its own while idle: a binary message that lies whole in one chunk is
 * handed out in place (unmasked in the chunk itself), and only a message cut across chunks is copied
 * into an assembly buffer that exists until the message is complete.
 * <p>
 * Not thread safe: one reader per connection, fed on the connection's I/O thread. After a protocol error
 * or a close frame it reads nothing more.
 */
public final class FrameReader
{
    /** What a reader found; every buffer given is valid only during the call. */
    public interface Handler
    {
        /** A complete binary message, position..limit; the bytes may be changed but not kept. */
        void onBinary(ByteBuffer payload);

        /** A complete text message with valid UTF-8; its bytes are not kept. */
        void onText();

        /** A ping, its payload position..limit (at most 125 bytes). */
        void onPing(ByteBuffer payload);

        /** A pong. */
        void onPong();

        /** A close frame: its code ({@link CloseCodes#NO_STATUS} when empty) and reason. */
        void onClose(int code, String reason);

        /**
         * A binary message passed the maximum size: {@code bytesSoFar} is its length with the frame that
         * passed it. The rest of the message is discarded and reading goes on.
         */
        void onTooLarge(long bytesSoFar);

        /** The peer broke the protocol; {@code closeCode} is 1002 or 1007. Nothing more is read. */
        void onProtocolError(int closeCode, String why);
    }

    private static final int NONE = -1;
    private static final int DONE = 0;
    private static final int HEADER = 1;
    private static final int PAYLOAD = 2;
    private static final int MIN_ASSEMBLY_CAPACITY = 4096;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Handler handler;
    private final int maxMessageBytes;

    private int state = HEADER;
    private int headerIndex;
    private int headerLength;
    private int firstByte;
    private int opcode;
    private boolean fin;
    private long payloadLength;
    private long payloadRead;
    private int maskingKey;

    private int messageOpcode = NONE;
    private long messageBytes;
    private boolean discarding;
    /** Made on the first text frame or close reason, which most connections never send: an idle one holds none. */
    private Utf8Check utf8;
    private ByteBuffer assembly;
    private ByteBuffer controlPayload;

    /** A reader that hands what it finds to {@code handler} and refuses binary messages above {@code maxMessageBytes}. */
    public FrameReader(final Handler handler, final int maxMessageBytes)
    {
        if (maxMessageBytes < 0)
        {
            throw new IllegalArgumentException("maxMessageBytes=" + maxMessageBytes + ": must not be negative");
        }
        this.handler = handler;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The largest binary message accepted. */
    public int maxMessageBytes()
    {
        return maxMessageBytes;
    }

    /** Whether the reader stopped for good: after a protocol error or a close frame. */
    public boolean isDone()
    {
        return state == DONE;
    }

    /** Whether a buffer is held for a message or control frame cut across chunks. */
    public boolean holdsBuffer()
    {
        return null != assembly || null != controlPayload;
    }

    /** Consumes {@code chunk} from position to limit, unmasking payloads in place; leaves position at limit. */
    public void onData(final ByteBuffer chunk)
    {
        final int limit = chunk.limit();
        int position = chunk.position();
        while (position < limit && state != DONE)
        {
            if (state == HEADER)
            {
                position = readHeader(chunk, position, limit);
            }
            else
            {
                position = readPayload(chunk, position, limit);
            }
        }
        chunk.limit(limit).position(limit);
    }

    private int readHeader(final ByteBuffer chunk, final int start, final int limit)
    {
        int position = start;
        while (position < limit && state == HEADER)
        {
            final int b = chunk.get(position++) & 0xFF;
            final int index = headerIndex++;
            if (index == 0)
            {
                firstByte = b;
            }
            else if (index == 1)
            {
                if (!onFirstTwoBytes(b))
                {
                    return position;
                }
            }
            else if (index < headerLength - MASKING_KEY_LENGTH)
            {
                payloadLength = (payloadLength << 8) | b;
            }
            else
            {
                maskingKey = (maskingKey << 8) | b;
            }
            if (headerIndex == headerLength)
            {
                onHeaderComplete();
            }
        }
        return position;
    }

    private boolean onFirstTwoBytes(final int secondByte)
    {
        fin = (firstByte & FIN_BIT) != 0;
        opcode = firstByte & OPCODE_MASK;
        final int length7 = secondByte & LENGTH7_MASK;
        if ((firstByte & RSV_BITS) != 0)
        {
            return fail(CloseCodes.PROTOCOL_ERROR, "reserved bits set without a negotiated extension");
        }
        if ((secondByte & MASK_BIT) == 0)
        {
            return fail(CloseCodes.PROTOCOL_ERROR, "client frame not masked");
        }
        final boolean control = (opcode & 0x8) != 0;
        if (control)
        {
            if (opcode != OPCODE_CLOSE && opcode != OPCODE_PING && opcode != OPCODE_PONG)
            {
                return fail(CloseCodes.PROTOCOL_ERROR, "unknown opcode 0x" + Integer.toHexString(opcode));
            }
            if (!fin)
            {
                return fail(CloseCodes.PROTOCOL_ERROR, "fragmented control frame (opcode 0x" + Integer.toHexString(opcode) + ")");
            }
            if (length7 > MAX_CONTROL_PAYLOAD)
            {
                return fail(CloseCodes.PROTOCOL_ERROR, "control frame longer than 125 bytes");
            }
        }
        else if (opcode == OPCODE_CONTINUATION)
        {
            if (messageOpcode == NONE)
            {
                return fail(CloseCodes.PROTOCOL_ERROR, "continuation frame without a message to continue");
            }
        }
        else if (opcode == OPCODE_TEXT || opcode == OPCODE_BINARY)
        {
            if (messageOpcode != NONE)
            {
                return fail(CloseCodes.PROTOCOL_ERROR, "new message started inside a fragmented message");
            }
        }
        else
        {
            return fail(CloseCodes.PROTOCOL_ERROR, "unknown opcode 0x" + Integer.toHexString(opcode));
        }
        payloadLength = length7 < LENGTH7_16BIT ? length7 : 0;
        headerLength = 2 + (length7 == LENGTH7_16BIT ? 2 : length7 == LENGTH7_64BIT ? 8 : 0) + MASKING_KEY_LENGTH;
        return true;
    }

    private void onHeaderComplete()
    {
        if (payloadLength < 0)
        {
            fail(CloseCodes.PROTOCOL_ERROR, "payload length with the most significant bit set");
            return;
        }
        payloadRead = 0;
        if (opcode == OPCODE_TEXT || opcode == OPCODE_BINARY)
        {
            messageOpcode = opcode;
            messageBytes = 0;
            discarding = false;
            if (opcode == OPCODE_TEXT)
            {
                utf8().reset();
            }
        }
        if (opcode == OPCODE_BINARY || (opcode == OPCODE_CONTINUATION && messageOpcode == OPCODE_BINARY))
        {
            final long total = messageBytes + payloadLength;
            if (!discarding && total > maxMessageBytes)
            {
                discarding = true;
                assembly = null;
                handler.onTooLarge(total);
            }
        }
        state = PAYLOAD;
        if (payloadLength == 0 && state == PAYLOAD)
        {
            onFrameComplete(null, 0, 0);
        }
    }

    private int readPayload(final ByteBuffer chunk, final int start, final int limit)
    {
        final int length = (int)Math.min(limit - start, payloadLength - payloadRead);
        unmask(chunk, start, length);
        final boolean whole = payloadRead == 0 && length == payloadLength;
        if ((opcode & 0x8) != 0)
        {
            if (whole)
            {
                payloadRead = length;
                onFrameComplete(chunk, start, length);
                return start + length;
            }
            if (null == controlPayload)
            {
                controlPayload = ByteBuffer.allocate(MAX_CONTROL_PAYLOAD);
            }
            putAbsolute(controlPayload, chunk, start, length);
        }
        else if (messageOpcode == OPCODE_TEXT)
        {
            if (!utf8().update(chunk, start, length))
            {
                fail(CloseCodes.INVALID_PAYLOAD, "text message is not valid UTF-8");
                return start + length;
            }
        }
        else if (!discarding)
        {
            if (whole && fin && messageBytes == 0 && null == assembly)
            {
                payloadRead = length;
                messageBytes = length;
                onFrameComplete(chunk, start, length);
                return start + length;
            }
            append(chunk, start, length);
        }
        payloadRead += length;
        if (opcode == OPCODE_BINARY || opcode == OPCODE_CONTINUATION || opcode == OPCODE_TEXT)
        {
            messageBytes += length;
        }
        if (payloadRead == payloadLength)
        {
            if (null != controlPayload)
            {
                final ByteBuffer payload = controlPayload.flip();
                controlPayload = null;
                onFrameComplete(payload, 0, payload.limit());
            }
            else
            {
                onFrameComplete(null, 0, 0);
            }
        }
        return start + length;
    }

    private void append(final ByteBuffer chunk, final int start, final int length)
    {
        final long needed = messageBytes + payloadLength;
        if (null == assembly || assembly.capacity() < needed)
        {
            final long doubled = null == assembly ? MIN_ASSEMBLY_CAPACITY : 2L * assembly.capacity();
            final int capacity = (int)Math.min(maxMessageBytes, Math.max(needed, doubled));
            final ByteBuffer grown = ByteBuffer.allocate(capacity);
            if (null != assembly)
            {
                grown.put(assembly.flip());
            }
            assembly = grown;
        }
        putAbsolute(assembly, chunk, start, length);
    }

    private static void putAbsolute(final ByteBuffer dst, final ByteBuffer chunk, final int start, final int length)
    {
        dst.put(dst.position(), chunk, start, length);
        dst.position(dst.position() + length);
    }

    /** Called when a frame's payload is complete; {@code payload} is set only when the payload lies in it whole. */
    private void onFrameComplete(final ByteBuffer payload, final int offset, final int length)
    {
        state = HEADER;
        headerIndex = 0;
        headerLength = 2;
        payloadLength = 0;
        maskingKey = 0;
        switch (opcode)
        {
            case OPCODE_PING:
                handler.onPing(view(payload, offset, length));
                restore(payload, offset, length);
                break;
            case OPCODE_PONG:
                handler.onPong();
                break;
            case OPCODE_CLOSE:
                onCloseFrame(payload, offset, length);
                break;
            default:
                if (fin)
                {
                    onMessageComplete(payload, offset, length);
                }
                break;
        }
    }

    private void onMessageComplete(final ByteBuffer payload, final int offset, final int length)
    {
        final int completed = messageOpcode;
        final boolean wasDiscarding = discarding;
        messageOpcode = NONE;
        discarding = false;
        if (completed == OPCODE_TEXT)
        {
            if (!utf8().complete())
            {
                fail(CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 character");
                return;
            }
            handler.onText();
        }
        else if (!wasDiscarding)
        {
            if (null != assembly)
            {
                final ByteBuffer message = assembly.flip();
                assembly = null;
                handler.onBinary(message);
            }
            else if (null != payload)
            {
                handler.onBinary(view(payload, offset, length));
                restore(payload, offset, length);
            }
            else
            {
                handler.onBinary(EMPTY);
            }
        }
        messageBytes = 0;
    }

    private void onCloseFrame(final ByteBuffer payload, final int offset, final int length)
    {
        state = DONE;
        if (length == 0)
        {
            handler.onClose(CloseCodes.NO_STATUS, "");
            return;
        }
        if (length == 1)
        {
            fail(CloseCodes.PROTOCOL_ERROR, "close frame with a 1-byte payload");
            return;
        }
        final int code = ((payload.get(offset) & 0xFF) << 8) | (payload.get(offset + 1) & 0xFF);
        if (!CloseCodes.isValidOnWire(code))
        {
            fail(CloseCodes.PROTOCOL_ERROR, "close frame with invalid code " + code);
            return;
        }
        if (!utf8().isValid(payload, offset + 2, length - 2))
        {
            fail(CloseCodes.INVALID_PAYLOAD, "close reason is not valid UTF-8");
            return;
        }
        final byte[] reason = new byte[length - 2];
        payload.get(offset + 2, reason);
        handler.onClose(code, new String(reason, StandardCharsets.UTF_8));
    }

    private void unmask(final ByteBuffer chunk, final int start, final int length)
    {
        final int key = maskingKey;
        long index = payloadRead;
        for (int i = start, end = start + length; i < end; i++, index++)
        {
            final int keyByte = key >>> (24 - 8 * (int)(index & 3));
            chunk.put(i, (byte)(chunk.get(i) ^ keyByte));
        }
    }

    private static ByteBuffer view(final ByteBuffer chunk, final int offset, final int length)
    {
        if (null == chunk)
        {
            return EMPTY;
        }
        // the chunk itself, narrowed: no slice object per message
        return chunk.limit(offset + length).position(offset);
    }

    private static void restore(final ByteBuffer chunk, final int offset, final int length)
    {
        if (null != chunk)
        {
            chunk.limit(chunk.capacity()).position(offset + length);
        }
    }

    private boolean fail(final int closeCode, final String why)
    {
        state = DONE;
        assembly = null;
        controlPayload = null;
        handler.onProtocolError(closeCode, why);
        return false;
    }

    private Utf8Check utf8()
    {
        if (null == utf8)
        {
            utf8 = new Utf8Check();
        }
        return utf8;
    }
}
