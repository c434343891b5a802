package dev.ticker.server.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.ticker.server.WebSocketTestClient;

/**
 * A client on a plain socket for what a client library will not do: send a malformed handshake, or
 * stop reading with a tiny receive buffer so the server is back-pressured.
 */
final class RawPeer implements AutoCloseable
{
    /** An HTTP answer: status, headers (names lower case) and body. */
    record Response(int status, Map<String, String> headers, String body)
    {
    }

    private final Socket socket;
    private final DataInputStream in;

    RawPeer(final int port, final int receiveBufferBytes) throws IOException
    {
        socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int)WebSocketTestClient.TIMEOUT.toMillis());
        socket.setSoTimeout((int)WebSocketTestClient.TIMEOUT.toMillis());
        in = new DataInputStream(socket.getInputStream());
    }

    /** Sends {@code requestHead} (lines without the final blank line) and reads the answer's head and body. */
    Response request(final String requestHead) throws IOException
    {
        socket.getOutputStream().write((requestHead + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        final String statusLine = readLine(in);
        final Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in))
        {
            final int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        final byte[] body = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
        in.readFully(body);
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Reads one unmasked server frame whose payload length fits an int; returns its payload. */
    byte[] readFramePayload(final int expectedOpcode) throws IOException
    {
        final int first = in.readUnsignedByte();
        if ((first & 0x0F) != expectedOpcode || (first & 0x80) == 0)
        {
            throw new IOException("frame with first byte 0x" + Integer.toHexString(first) + ", expected a final opcode " + expectedOpcode);
        }
        final int length7 = in.readUnsignedByte();
        final long length = length7 == 126 ? in.readUnsignedShort() : length7 == 127 ? in.readLong() : length7;
        final byte[] payload = new byte[(int)length];
        in.readFully(payload);
        return payload;
    }

    private static String readLine(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read())
        {
            if (b < 0)
            {
                throw new IOException("connection closed inside a header line: " + line);
            }
            if (b != '\r')
            {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
