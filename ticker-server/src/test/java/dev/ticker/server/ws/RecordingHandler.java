package dev.ticker.server.ws;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Records what a {@link FrameReader} finds as readable lines, copying binary payloads. */
class RecordingHandler implements FrameReader.Handler
{
    final List<String> events = new ArrayList<>();
    final List<byte[]> binaries = new ArrayList<>();

    @Override
    public void onBinary(final ByteBuffer payload)
    {
        final byte[] bytes = new byte[payload.remaining()];
        payload.get(payload.position(), bytes);
        binaries.add(bytes);
        events.add("binary " + bytes.length);
    }

    @Override
    public void onText()
    {
        events.add("text");
    }

    @Override
    public void onPing(final ByteBuffer payload)
    {
        events.add("ping " + payload.remaining());
    }

    @Override
    public void onPong()
    {
        events.add("pong");
    }

    @Override
    public void onClose(final int code, final String reason)
    {
        events.add("close " + code + " " + reason);
    }

    @Override
    public void onTooLarge(final long bytesSoFar)
    {
        events.add("too large " + bytesSoFar);
    }

    @Override
    public void onProtocolError(final int closeCode, final String why)
    {
        events.add("error " + closeCode + " " + why);
    }
}
