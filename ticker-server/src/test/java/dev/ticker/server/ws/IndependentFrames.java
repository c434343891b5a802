package dev.ticker.server.ws;

import java.nio.ByteBuffer;
import java.util.List;

import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.FramedataImpl1;

/** Frames encoded and decoded by Java-WebSocket, an RFC 6455 implementation independent of the server's own. */
final class IndependentFrames
{
    private IndependentFrames()
    {
    }

    /** The frame a server (unmasked) sends for {@code frame}. */
    static byte[] serverFrame(final Framedata frame)
    {
        return bytes(new Draft_6455().createBinaryFrame(frame));
    }

    /** The frame a client (masked with a random key) sends for {@code frame}. */
    static byte[] clientFrame(final Framedata frame)
    {
        final Draft_6455 draft = new Draft_6455();
        draft.setParseMode(Role.CLIENT);
        return bytes(draft.createBinaryFrame(frame));
    }

    /** A frame of {@code type} carrying {@code payload}, final or not. */
    static FramedataImpl1 frame(final FramedataImpl1 frame, final byte[] payload, final boolean fin)
    {
        frame.setPayload(ByteBuffer.wrap(payload));
        frame.setFin(fin);
        return frame;
    }

    /** Decodes the frames in {@code bytes} as a client does. */
    static List<Framedata> decode(final byte[] bytes) throws InvalidDataException
    {
        final Draft_6455 draft = new Draft_6455();
        draft.setParseMode(Role.CLIENT);
        return draft.translateFrame(ByteBuffer.wrap(bytes));
    }

    static byte[] bytes(final ByteBuffer buffer)
    {
        final byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
