package dev.ticker.server.security;

import dev.ticker.server.JournalFixture;
import dev.ticker.server.TickerServer;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host and Origin checks with raw HTTP requests (a browser's headers, spelled out): DNS rebinding,
 * pages of another scheme, CORS only for configured origins.
 */
@Timeout(60)
class HostAndOriginTest
{
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir);
        server = TickerServer.start(new ServerConfiguration().port(0).allowedHosts(List.of("ticker.example.com"))
            .corsOrigins(List.of("https://dash.example.com")), fixture.journal);
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldRefuseARebindingPageWhoseOriginMatchesItsOwnHost() throws IOException
    {
        final List<String> answer = request("GET /ws HTTP/1.1\r\nHost: evil.example:" + server.port() + "\r\n" +
            "Origin: http://evil.example:" + server.port() + "\r\n" + UPGRADE);

        assertEquals("HTTP/1.1 421 Misdirected Request", answer.get(0));
    }

    @Test
    void shouldRefuseTheApiUnderAForeignHost() throws IOException
    {
        assertEquals("HTTP/1.1 421 Misdirected Request",
            request("GET /api/instruments HTTP/1.1\r\nHost: evil.example\r\n").get(0));
        assertTrue(request("GET /api/instruments HTTP/1.1\r\nHost: ticker.example.com:" + server.port() + "\r\n").get(0)
            .startsWith("HTTP/1.1 200"));
        assertTrue(request("GET /api/instruments HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\n").get(0)
            .startsWith("HTTP/1.1 200"));
    }

    @Test
    void shouldUpgradeOnlyForThePagesOfTheServersOwnSchemeHostAndPort() throws IOException
    {
        final String host = "Host: 127.0.0.1:" + server.port() + "\r\n";

        assertEquals("HTTP/1.1 101 Switching Protocols",
            request("GET /ws HTTP/1.1\r\n" + host + "Origin: http://127.0.0.1:" + server.port() + "\r\n" + UPGRADE).get(0));
        assertEquals("HTTP/1.1 403 Forbidden",
            request("GET /ws HTTP/1.1\r\n" + host + "Origin: https://127.0.0.1:" + server.port() + "\r\n" + UPGRADE).get(0));
        assertEquals("HTTP/1.1 403 Forbidden",
            request("GET /ws HTTP/1.1\r\n" + host + "Origin: http://127.0.0.1:1\r\n" + UPGRADE).get(0));
    }

    @Test
    void shouldAnswerCorsOnlyForTheConfiguredOrigins() throws IOException
    {
        final String host = "Host: 127.0.0.1:" + server.port() + "\r\n";

        final List<String> allowed = request("GET /api/instruments HTTP/1.1\r\n" + host + "Origin: https://dash.example.com\r\n");
        final List<String> other = request("GET /api/instruments HTTP/1.1\r\n" + host + "Origin: https://evil.example\r\n");
        final List<String> preflight = request("OPTIONS /api/instruments HTTP/1.1\r\n" + host +
            "Origin: https://dash.example.com\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: authorization\r\n");

        assertTrue(allowed.contains("access-control-allow-origin: https://dash.example.com"), allowed.toString());
        assertFalse(other.stream().anyMatch(line -> line.startsWith("access-control-")), other.toString());
        assertEquals("HTTP/1.1 204 No Content", preflight.get(0));
        assertTrue(preflight.contains("access-control-allow-headers: Authorization".toLowerCase(Locale.ROOT)) ||
            preflight.contains("access-control-allow-headers: Authorization"), preflight.toString());
    }

    @Test
    void shouldRefuseToStartBeyondLoopbackWithoutAuthentication()
    {
        final IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new ServerConfiguration().host("0.0.0.0").validate());

        assertTrue(error.getMessage().startsWith("host=0.0.0.0: listening beyond loopback without authentication"), error.getMessage());
        new ServerConfiguration().host("0.0.0.0").allowUnauthenticatedRemote(true).validate();
    }

    /** Sends one request (headers given, then Connection: close) and returns the status line and the headers, names lower-cased. */
    private List<String> request(final String head) throws IOException
    {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port()))
        {
            socket.setSoTimeout(20_000);
            final OutputStream out = socket.getOutputStream();
            out.write((head + (head.contains("Upgrade:") ? "" : "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            final List<String> lines = new ArrayList<>();
            lines.add(in.readLine());
            for (String line = in.readLine(); null != line && !line.isEmpty(); line = in.readLine())
            {
                final int colon = line.indexOf(':');
                lines.add(line.substring(0, colon).toLowerCase(Locale.ROOT) + line.substring(colon));
            }
            return lines;
        }
    }
}
