package dev.ticker.server.ws;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketUpgradeTest
{
    private final EchoServer server = new EchoServer(TimeUnit.SECONDS.toNanos(10));

    @AfterEach
    void stopServer()
    {
        server.close();
    }

    @Test
    void shouldComputeTheAcceptValueOfTheRfcExample()
    {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketUpgrade.acceptValue("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void shouldSwitchProtocolsForAValidHandshake() throws Exception
    {
        // what a browser sends: an extension and a subprotocol offered, neither of which is taken
        final RawPeer.Response response = request(WebSocketConnectionTest.upgradeRequest(server.port()) +
            "\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\nSec-WebSocket-Protocol: chat");
        assertEquals(101, response.status());
        assertEquals("websocket", response.headers().get("upgrade").toLowerCase(java.util.Locale.ROOT));
        assertTrue(response.headers().get("connection").equalsIgnoreCase("upgrade"), response.headers().toString());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.headers().get("sec-websocket-accept"));
        assertEquals(null, response.headers().get("sec-websocket-extensions"));
        assertEquals(null, response.headers().get("sec-websocket-protocol"));
    }

    @Test
    void shouldAcceptHeadersInAnyCaseAndConnectionWithSeveralTokens() throws Exception
    {
        final RawPeer.Response response = request(handshake("WebSocket", "keep-alive, Upgrade", "13", "dGhlIHNhbXBsZSBub25jZQ=="));
        assertEquals(101, response.status());
    }

    @Test
    void shouldAnswer400WithWhatIsMissingToAPlainRequest() throws Exception
    {
        final RawPeer.Response response = request("GET /ws HTTP/1.1\r\nHost: 127.0.0.1");
        assertEquals(400, response.status());
        assertEquals("missing header Upgrade: websocket (this endpoint only speaks WebSocket)\n", response.body());
    }

    @Test
    void shouldAnswer400ToAnotherUpgrade() throws Exception
    {
        final RawPeer.Response response = request(handshake("h2c", "Upgrade", "13", "dGhlIHNhbXBsZSBub25jZQ=="));
        assertEquals(400, response.status());
        assertEquals("header Upgrade is 'h2c', expected 'websocket'\n", response.body());
    }

    @Test
    void shouldAnswer400WhenConnectionLacksTheUpgradeToken() throws Exception
    {
        final RawPeer.Response response = request(handshake("websocket", "keep-alive", "13", "dGhlIHNhbXBsZSBub25jZQ=="));
        assertEquals(400, response.status());
        assertEquals("header Connection must contain the token 'Upgrade'\n", response.body());
    }

    @Test
    void shouldAnswer426WithTheSupportedVersionToAnotherVersion() throws Exception
    {
        final RawPeer.Response response = request(handshake("websocket", "Upgrade", "8", "dGhlIHNhbXBsZSBub25jZQ=="));
        assertEquals(426, response.status());
        assertEquals("13", response.headers().get("sec-websocket-version"));
        assertEquals("header Sec-WebSocket-Version is '8', only 13 is supported\n", response.body());
    }

    @Test
    void shouldAnswer400ToAKeyThatIsNotSixteenBytes() throws Exception
    {
        final RawPeer.Response response = request(handshake("websocket", "Upgrade", "13", "c2hvcnQ="));
        assertEquals(400, response.status());
        assertEquals("header Sec-WebSocket-Key is not the base64 of 16 bytes\n", response.body());
    }

    @Test
    void shouldAnswer400ToAKeyThatIsNotBase64() throws Exception
    {
        final RawPeer.Response response = request(handshake("websocket", "Upgrade", "13", "not base64 at all!!!!!!!"));
        assertEquals(400, response.status());
        assertEquals("header Sec-WebSocket-Key is not the base64 of 16 bytes\n", response.body());
    }

    @Test
    void shouldAnswer400ToAMissingKey() throws Exception
    {
        final RawPeer.Response response = request("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n" +
            "Connection: Upgrade\r\nSec-WebSocket-Version: 13");
        assertEquals(400, response.status());
        assertEquals("missing header Sec-WebSocket-Key\n", response.body());
    }

    @Test
    void shouldAnswer405ToAnotherMethod() throws Exception
    {
        final RawPeer.Response response = request("POST /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0");
        assertEquals(405, response.status());
        assertEquals("GET", response.headers().get("allow"));
        assertEquals("a WebSocket handshake is a GET request, not POST\n", response.body());
    }

    private RawPeer.Response request(final String head) throws Exception
    {
        try (RawPeer client = new RawPeer(server.port(), 64 * 1024))
        {
            return client.request(head);
        }
    }

    private String handshake(final String upgrade, final String connection, final String version, final String key)
    {
        return "GET /ws HTTP/1.1\r\n" +
            "Host: 127.0.0.1:" + server.port() + "\r\n" +
            "Upgrade: " + upgrade + "\r\n" +
            "Connection: " + connection + "\r\n" +
            "Sec-WebSocket-Key: " + key + "\r\n" +
            "Sec-WebSocket-Version: " + version;
    }
}
