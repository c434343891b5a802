package dev.ticker.server.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.java_websocket.framing.BinaryFrame;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameHeadersTest
{
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 65535, 65536, 1024 * 1024})
    void shouldWriteTheSameBinaryFrameAsAnIndependentEncoder(final int payloadLength)
    {
        final byte[] payload = new byte[payloadLength];
        new Random(payloadLength).nextBytes(payload);
        final byte[] expected = IndependentFrames.serverFrame(IndependentFrames.frame(new BinaryFrame(), payload, true));

        final int headerLength = FrameHeaders.headerLength(payloadLength);
        final ByteBuffer frame = ByteBuffer.allocate(headerLength + payloadLength);
        assertEquals(headerLength, FrameHeaders.writeHeader(frame, 0, FrameHeaders.OPCODE_BINARY, payloadLength));
        frame.put(headerLength, payload);
        assertArrayEquals(expected, frame.array());

        final byte[] fromArray = new byte[headerLength + payloadLength];
        assertEquals(headerLength, FrameHeaders.writeHeader(fromArray, 0, FrameHeaders.OPCODE_BINARY, payloadLength));
        System.arraycopy(payload, 0, fromArray, headerLength, payloadLength);
        assertArrayEquals(expected, fromArray);
    }

    @Test
    void shouldSayTheHeaderLengthAtEachLengthBoundary()
    {
        assertEquals(2, FrameHeaders.headerLength(0));
        assertEquals(2, FrameHeaders.headerLength(125));
        assertEquals(4, FrameHeaders.headerLength(126));
        assertEquals(4, FrameHeaders.headerLength(65535));
        assertEquals(10, FrameHeaders.headerLength(65536));
        assertEquals(10, FrameHeaders.headerLength(Long.MAX_VALUE));
    }

    @Test
    void shouldWriteAHeaderAtAnOffsetWithoutMovingThePosition()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(16).position(3);
        FrameHeaders.writeHeader(buffer, 5, FrameHeaders.OPCODE_BINARY, 300);
        assertEquals(3, buffer.position());
        assertEquals((byte)0x82, buffer.get(5));
        assertEquals(126, buffer.get(6));
        assertEquals(300, buffer.getShort(7));
    }

    @Test
    void shouldWriteTheSamePingAsAnIndependentEncoder()
    {
        final ByteBuffer frame = ByteBuffer.allocate(FrameHeaders.MAX_CONTROL_FRAME_LENGTH);
        assertEquals(2, FrameHeaders.putPing(frame));
        assertArrayEquals(IndependentFrames.serverFrame(new PingFrame()), IndependentFrames.bytes(frame.flip()));
    }

    @Test
    void shouldWriteTheSamePongAsAnIndependentEncoderEchoingThePayload()
    {
        final byte[] payload = new byte[125];
        new Random(7).nextBytes(payload);
        final PongFrame pong = new PongFrame();
        pong.setPayload(ByteBuffer.wrap(payload));
        final ByteBuffer source = ByteBuffer.wrap(payload);

        final ByteBuffer frame = ByteBuffer.allocate(FrameHeaders.MAX_CONTROL_FRAME_LENGTH);
        assertEquals(127, FrameHeaders.putPong(frame, source));
        assertArrayEquals(IndependentFrames.serverFrame(pong), IndependentFrames.bytes(frame.flip()));
        assertEquals(0, source.position());
    }

    @Test
    void shouldWriteTheSameCloseFrameAsAnIndependentEncoder()
    {
        final CloseFrame close = new CloseFrame();
        close.setCode(1008);
        close.setReason("budget exceeded, resume from 42");

        final ByteBuffer frame = ByteBuffer.allocate(FrameHeaders.MAX_CONTROL_FRAME_LENGTH);
        FrameHeaders.putClose(frame, 1008, "budget exceeded, resume from 42");
        assertArrayEquals(IndependentFrames.serverFrame(close), IndependentFrames.bytes(frame.flip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"e", "\u00e9", "\u20ac", "\ud83d\ude00"})
    void shouldCutALongCloseReasonAtACharacterBoundaryWithin123Bytes(final String character) throws Exception
    {
        final String reason = "x" + character.repeat(200);
        final ByteBuffer frame = ByteBuffer.allocate(FrameHeaders.MAX_CONTROL_FRAME_LENGTH);
        final int length = FrameHeaders.putClose(frame, 1011, reason);

        final List<Framedata> decoded = IndependentFrames.decode(IndependentFrames.bytes(frame.flip()));
        assertEquals(1, decoded.size());
        final CloseFrame close = (CloseFrame)decoded.get(0);
        assertEquals(1011, close.getCloseCode());
        final String cut = close.getMessage();
        assertTrue(reason.startsWith(cut), cut);
        final int cutBytes = cut.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(length, 4 + cutBytes);
        assertTrue(cutBytes <= 123, "reason of " + cutBytes + " bytes");
        assertTrue(cutBytes + character.getBytes(StandardCharsets.UTF_8).length > 123, "cut earlier than needed: " + cutBytes);
    }
}
