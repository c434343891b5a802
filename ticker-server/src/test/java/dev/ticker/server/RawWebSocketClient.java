package dev.ticker.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for what a well-behaved client library will not do: stay
 * silent (never read, never answer a ping), send a message in fragments, connect from a chosen
 * local address. It does the RFC 6455 handshake by hand and reads and writes single frames.
 */
public final class RawWebSocketClient implements AutoCloseable
{
    public static final int OP_CONTINUATION = 0x0;
    public static final int OP_TEXT = 0x1;
    public static final int OP_BINARY = 0x2;
    public static final int OP_CLOSE = 0x8;
    public static final int OP_PING = 0x9;
    public static final int OP_PONG = 0xA;

    /** One frame from the server. */
    public record Frame(boolean fin, int opcode, byte[] payload)
    {
        /** The status code of a close frame, 1005 when it has none. */
        public int closeCode()
        {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The HTTP status of the handshake's answer (101 when the upgrade was accepted). */
    public final int handshakeStatus;

    private RawWebSocketClient(final Socket socket, final int handshakeStatus) throws IOException
    {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.handshakeStatus = handshakeStatus;
    }

    /** Connects to ws://127.0.0.1:port/ws from {@code localAddress} (null: any) and does the handshake. */
    public static RawWebSocketClient connect(final int port, final InetAddress localAddress) throws IOException
    {
        final Socket socket = new Socket();
        try
        {
            if (null != localAddress)
            {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int)WebSocketTestClient.TIMEOUT.toMillis());
            socket.setSoTimeout((int)WebSocketTestClient.TIMEOUT.toMillis());
            final byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            final String request = "GET /ws HTTP/1.1\r\n" +
                "Host: 127.0.0.1:" + port + "\r\n" +
                "Upgrade: websocket\r\n" +
                "Connection: Upgrade\r\n" +
                "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n" +
                "Sec-WebSocket-Version: 13\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            final String statusLine = readHeaders(socket.getInputStream());
            return new RawWebSocketClient(socket, Integer.parseInt(statusLine.split(" ")[1]));
        }
        catch (final IOException | RuntimeException ex)
        {
            socket.close();
            throw ex;
        }
    }

    /** Reads the next frame; fails when none arrives in time, and with EOFException at the end of the stream. */
    public Frame readFrame() throws IOException
    {
        final int first = in.readUnsignedByte();
        final int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126)
        {
            length = in.readUnsignedShort();
        }
        else if (length == 127)
        {
            length = in.readLong();
        }
        final byte[] payload = new byte[(int)length];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    /** Sends one masked frame, as a client must. */
    public void sendFrame(final boolean fin, final int opcode, final byte[] payload) throws IOException
    {
        final ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
        frame.put((byte)((fin ? 0x80 : 0) | opcode));
        if (payload.length < 126)
        {
            frame.put((byte)(0x80 | payload.length));
        }
        else if (payload.length <= 0xFFFF)
        {
            frame.put((byte)(0x80 | 126)).putShort((short)payload.length);
        }
        else
        {
            frame.put((byte)(0x80 | 127)).putLong(payload.length);
        }
        final byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < payload.length; i++)
        {
            frame.put((byte)(payload[i] ^ mask[i & 3]));
        }
        out.write(frame.array(), 0, frame.position());
        out.flush();
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }

    private static String readHeaders(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            final int next = in.read();
            if (next < 0)
            {
                throw new EOFException("the server closed the connection during the handshake: " + headers);
            }
            headers.write(next);
            matched = (next == '\r' && (matched == 0 || matched == 2)) || (next == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        final String text = headers.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf("\r\n"));
    }
}
