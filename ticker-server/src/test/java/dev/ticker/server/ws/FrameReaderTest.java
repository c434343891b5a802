package dev.ticker.server.ws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.java_websocket.framing.BinaryFrame;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.ContinuousFrame;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;
import org.java_websocket.framing.TextFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameReaderTest
{
    private static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
    private static final int[] SIZES = {0, 1, 125, 126, 65535, 65536, 1024 * 1024};

    private final RecordingHandler handler = new RecordingHandler();
    private final FrameReader reader = new FrameReader(handler, MAX_MESSAGE_BYTES);

    @ParameterizedTest
    @ValueSource(strings = {"whole", "byte by byte", "random splits"})
    void shouldDecodeWhatAnIndependentClientEncodes(final String feeding)
    {
        final Random random = new Random(11);
        final List<byte[]> messages = new ArrayList<>();
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        final List<String> expected = new ArrayList<>();
        for (final int size : SIZES)
        {
            final byte[] message = randomBytes(random, size);
            messages.add(message);
            stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new BinaryFrame(), message, true)));
            expected.add("binary " + size);
        }
        // a fragmented message with a ping and a pong between its fragments
        final byte[] fragmented = randomBytes(random, 70_000);
        messages.add(fragmented);
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new BinaryFrame(), slice(fragmented, 0, 100), false)));
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new PingFrame(), new byte[] {1, 2, 3}, true)));
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new ContinuousFrame(), slice(fragmented, 100, 60_000), false)));
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new PongFrame(), new byte[0], true)));
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new ContinuousFrame(), slice(fragmented, 60_100, 9_900), true)));
        expected.add("ping 3");
        expected.add("pong");
        expected.add("binary 70000");
        final TextFrame text = new TextFrame();
        text.setPayload(ByteBuffer.wrap("caf\u00e9 \ud83d\ude00".getBytes(StandardCharsets.UTF_8)));
        stream.writeBytes(IndependentFrames.clientFrame(text));
        expected.add("text");
        final CloseFrame close = new CloseFrame();
        close.setCode(1000);
        close.setReason("bye \u00e9");
        stream.writeBytes(IndependentFrames.clientFrame(close));
        expected.add("close 1000 bye \u00e9");

        feed(stream.toByteArray(), feeding, new Random(5));

        assertEquals(expected, handler.events);
        assertEquals(messages.size(), handler.binaries.size());
        for (int i = 0; i < messages.size(); i++)
        {
            assertArrayEquals(messages.get(i), handler.binaries.get(i), "message " + i);
        }
        assertFalse(reader.holdsBuffer());
        assertTrue(reader.isDone());
    }

    @Test
    void shouldHandOutAMessageWholeInOneChunkInPlaceUnmasked()
    {
        final byte[] message = {10, 20, 30, 40, 50};
        final byte[] frame = IndependentFrames.clientFrame(IndependentFrames.frame(new BinaryFrame(), message, true));
        final ByteBuffer chunk = ByteBuffer.wrap(frame);
        final ByteBuffer[] seen = new ByteBuffer[1];
        final FrameReader inPlace = new FrameReader(new RecordingHandler()
        {
            @Override
            public void onBinary(final ByteBuffer payload)
            {
                seen[0] = payload;
                super.onBinary(payload);
            }
        }, MAX_MESSAGE_BYTES);

        inPlace.onData(chunk);

        assertTrue(seen[0] == chunk, "the chunk itself is handed out");
        assertArrayEquals(message, slice(frame, frame.length - message.length, message.length));
        assertEquals(frame.length, chunk.position());
        assertFalse(inPlace.holdsBuffer());
    }

    @Test
    void shouldDropTheAssemblyBufferOnceAMessageCutAcrossChunksIsComplete()
    {
        final byte[] frame = IndependentFrames.clientFrame(IndependentFrames.frame(new BinaryFrame(), new byte[1000], true));
        reader.onData(ByteBuffer.wrap(frame, 0, 500));
        assertTrue(reader.holdsBuffer());
        reader.onData(ByteBuffer.wrap(frame, 500, frame.length - 500));
        assertEquals(List.of("binary 1000"), handler.events);
        assertFalse(reader.holdsBuffer());
    }

    @Test
    void shouldRefuseAnUnmaskedFrame()
    {
        reader.onData(ByteBuffer.wrap(new byte[] {(byte)0x82, 1, 7}));
        assertEquals(List.of("error 1002 client frame not masked"), handler.events);
    }

    @Test
    void shouldRefuseAReservedBit()
    {
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x80 | 0x40 | 0x2, new byte[1])));
        assertEquals(List.of("error 1002 reserved bits set without a negotiated extension"), handler.events);
    }

    @Test
    void shouldRefuseAnUnknownOpcode()
    {
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x80 | 0x3, new byte[1])));
        assertEquals(List.of("error 1002 unknown opcode 0x3"), handler.events);
    }

    @Test
    void shouldRefuseAFragmentedControlFrame()
    {
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x9, new byte[1])));
        assertEquals(List.of("error 1002 fragmented control frame (opcode 0x9)"), handler.events);
    }

    @Test
    void shouldRefuseAControlFrameOf126Bytes()
    {
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x80 | 0x9, new byte[126])));
        assertEquals(List.of("error 1002 control frame longer than 125 bytes"), handler.events);
    }

    @Test
    void shouldRefuseAContinuationWithoutAStart()
    {
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x80, new byte[3])));
        assertEquals(List.of("error 1002 continuation frame without a message to continue"), handler.events);
    }

    @Test
    void shouldRefuseANewMessageInsideAFragmentedOne()
    {
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x2, new byte[3])));
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x80 | 0x2, new byte[3])));
        assertEquals(List.of("error 1002 new message started inside a fragmented message"), handler.events);
        assertFalse(reader.holdsBuffer());
    }

    @Test
    void shouldRefuseACloseFrameWithAOneBytePayload()
    {
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x80 | 0x8, new byte[] {3})));
        assertEquals(List.of("error 1002 close frame with a 1-byte payload"), handler.events);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 2999, 5000})
    void shouldRefuseACloseFrameWithAnInvalidCode(final int code)
    {
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x80 | 0x8, new byte[] {(byte)(code >>> 8), (byte)code})));
        assertEquals(List.of("error 1002 close frame with invalid code " + code), handler.events);
    }

    @Test
    void shouldRefuseACloseReasonThatIsNotUtf8()
    {
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x80 | 0x8, new byte[] {0x03, (byte)0xE8, (byte)0xC3, 0x28})));
        assertEquals(List.of("error 1007 close reason is not valid UTF-8"), handler.events);
    }

    @Test
    void shouldRefuseTextThatIsNotUtf8EvenSplitAcrossFrames()
    {
        // U+20AC is E2 82 AC: the first fragment ends inside it, the second breaks it
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x1, new byte[] {'a', (byte)0xE2, (byte)0x82})));
        assertEquals(List.of(), handler.events);
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x80, new byte[] {'b'})));
        assertEquals(List.of("error 1007 text message is not valid UTF-8"), handler.events);
    }

    @Test
    void shouldRefuseTextEndingInsideACharacter()
    {
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x80 | 0x1, new byte[] {'a', (byte)0xE2, (byte)0x82})));
        assertEquals(List.of("error 1007 text message ends inside a UTF-8 character"), handler.events);
    }

    @Test
    void shouldReadNothingMoreAfterAProtocolError()
    {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(new byte[] {(byte)0x82, 0});
        stream.writeBytes(RawFrames.masked(0x80 | 0x2, new byte[4]));
        reader.onData(ByteBuffer.wrap(stream.toByteArray()));
        assertEquals(List.of("error 1002 client frame not masked"), handler.events);
        assertTrue(reader.isDone());
    }

    @Test
    void shouldReportATooLargeMessageThenDiscardItsRestAndStillSeeTheCloseAfterIt()
    {
        final RecordingHandler small = new RecordingHandler();
        final FrameReader limited = new FrameReader(small, 1000);
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new BinaryFrame(), new byte[600], false)));
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new ContinuousFrame(), new byte[600], false)));
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new PingFrame(), new byte[0], true)));
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new ContinuousFrame(), new byte[5000], true)));
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new BinaryFrame(), new byte[1000], true)));
        final CloseFrame close = new CloseFrame();
        close.setCode(1009);
        stream.writeBytes(IndependentFrames.clientFrame(close));

        feed(limited, stream.toByteArray(), "random splits", new Random(3));

        assertEquals(List.of("too large 1200", "ping 0", "binary 1000", "close 1009 "), small.events);
        assertFalse(limited.holdsBuffer());
    }

    @Test
    void shouldReportAnEmptyCloseAsNoStatus()
    {
        reader.onData(ByteBuffer.wrap(RawFrames.masked(0x80 | 0x8, new byte[0])));
        assertEquals(List.of("close 1005 "), handler.events);
    }

    @Test
    void shouldJudgeUtf8SplitAnywhereAsTheWholeTextIsJudged()
    {
        final Random random = new Random(17);
        final Utf8Check check = new Utf8Check();
        for (int i = 0; i < 20_000; i++)
        {
            final byte[] bytes = i % 2 == 0 ? randomBytes(random, 1 + random.nextInt(9)) :
                "a€𝄞é".repeat(1 + random.nextInt(3)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            final int split = random.nextInt(bytes.length + 1);
            check.reset();
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            final boolean valid = check.update(buffer, 0, split) && check.update(buffer, split, bytes.length - split) && check.complete();
            assertEquals(isValidUtf8(bytes), valid, () -> java.util.HexFormat.of().formatHex(bytes) + " split at " + split);
        }
    }

    @Test
    void shouldAllocateNothingPerFrameInSteadyState()
    {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new BinaryFrame(), new byte[40], true)));
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new PingFrame(), new byte[4], true)));
        stream.writeBytes(IndependentFrames.clientFrame(IndependentFrames.frame(new PongFrame(), new byte[0], true)));
        final byte[] frames = stream.toByteArray();
        final ByteBuffer chunk = ByteBuffer.allocateDirect(frames.length);
        final long[] seen = new long[1];
        final FrameReader counting = new FrameReader(new RecordingHandler()
        {
            @Override
            public void onBinary(final ByteBuffer payload)
            {
                seen[0] += payload.remaining();
            }

            @Override
            public void onPing(final ByteBuffer payload)
            {
                seen[0] += payload.remaining();
            }

            @Override
            public void onPong()
            {
                seen[0]++;
            }
        }, MAX_MESSAGE_BYTES);
        final int rounds = 100_000;
        for (int i = 0; i < rounds; i++)
        {
            chunk.clear().put(frames).flip();
            counting.onData(chunk);
        }

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < rounds; i++)
        {
            chunk.clear().put(frames).flip();
            counting.onData(chunk);
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals(2L * rounds * 45, seen[0]);
        // one object per frame would be at least 16 bytes x 300,000 frames; what is left is the measurement's own
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for " + 3 * rounds + " frames");
    }

    private void feed(final byte[] bytes, final String feeding, final Random random)
    {
        feed(reader, bytes, feeding, random);
    }

    private static void feed(final FrameReader reader, final byte[] bytes, final String feeding, final Random random)
    {
        // one reused chunk, as a connection's shared read buffer is reused between reads
        final ByteBuffer chunk = ByteBuffer.allocate(bytes.length);
        int offset = 0;
        while (offset < bytes.length)
        {
            final int length = switch (feeding)
            {
                case "whole" -> bytes.length;
                case "byte by byte" -> 1;
                default -> 1 + random.nextInt(Math.min(bytes.length - offset, 100_000));
            };
            final int n = Math.min(length, bytes.length - offset);
            chunk.clear().put(bytes, offset, n).flip();
            reader.onData(chunk);
            chunk.clear().put(new byte[n]);
            offset += n;
        }
    }

    private static boolean isValidUtf8(final byte[] bytes)
    {
        try
        {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        }
        catch (final java.nio.charset.CharacterCodingException ex)
        {
            return false;
        }
    }

    private static byte[] randomBytes(final Random random, final int size)
    {
        final byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] slice(final byte[] bytes, final int offset, final int length)
    {
        final byte[] slice = new byte[length];
        System.arraycopy(bytes, offset, slice, 0, length);
        return slice;
    }
}
