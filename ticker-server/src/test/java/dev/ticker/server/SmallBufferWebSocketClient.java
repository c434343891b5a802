package dev.ticker.server;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ServerMessage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A WebSocket client on a plain socket whose receive buffer the test chooses, that reads only when
 * asked: between reads it reads nothing at all, as a client on a slow link or a stalled tab, so the
 * server's frames back up in a few kilobytes of socket buffer. Speaks just enough RFC 6455 for the
 * binary protocol (masked binary frames out; binary, close and ping frames in).
 */
public final class SmallBufferWebSocketClient implements AutoCloseable
{
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int closeCode = -1;

    private SmallBufferWebSocketClient(final Socket socket) throws IOException
    {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static SmallBufferWebSocketClient connect(final int port, final int receiveBufferBytes)
    {
        try
        {
            final Socket socket = new Socket();
            socket.setReceiveBufferSize(receiveBufferBytes);
            socket.setSoTimeout((int)WebSocketTestClient.TIMEOUT.toMillis());
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int)WebSocketTestClient.TIMEOUT.toMillis());
            final SmallBufferWebSocketClient client = new SmallBufferWebSocketClient(socket);
            client.handshake(port);
            return client;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void handshake(final int port) throws IOException
    {
        final byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        final StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n"))
        {
            response.append((char)in.readUnsignedByte());
        }
        if (!response.toString().startsWith("HTTP/1.1 101"))
        {
            fail("WebSocket handshake refused: " + response);
        }
    }

    public void send(final ClientMessage message)
    {
        writeFrame(0x82, message.toByteArray());
    }

    private void writeFrame(final int opcodeByte, final byte[] payload)
    {
        final byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(opcodeByte);
        if (payload.length < 126)
        {
            frame.write(0x80 | payload.length);
        }
        else
        {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++)
        {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        try
        {
            out.write(frame.toByteArray());
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads the next message, answering pings on the way.
     *
     * @return null when the server closed the connection (see {@link #closeCode()}).
     */
    public ServerMessage next()
    {
        try
        {
            final ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true)
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
                final int opcode = first & 0x0F;
                if (opcode == 0x8)
                {
                    closeCode = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    return null;
                }
                if (opcode == 0x9)
                {
                    writeFrame(0x8A, payload);
                    continue;
                }
                if (opcode == 0xA)
                {
                    continue;
                }
                message.writeBytes(payload);
                if ((first & 0x80) != 0)
                {
                    return ServerMessage.parseFrom(message.toByteArray());
                }
            }
        }
        catch (final SocketTimeoutException ex)
        {
            return fail("no message from the server within " + WebSocketTestClient.TIMEOUT);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The next message other than a heartbeat, or null when the connection closed. */
    public ServerMessage nextSkippingHeartbeats()
    {
        ServerMessage message = next();
        while (null != message && message.hasHeartbeat())
        {
            message = next();
        }
        return message;
    }

    public int closeCode()
    {
        return closeCode;
    }

    @Override
    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
