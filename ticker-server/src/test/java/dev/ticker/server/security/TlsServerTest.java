package dev.ticker.server.security;

import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.server.Conditions;
import dev.ticker.server.JournalFixture;
import dev.ticker.server.TickerServer;
import dev.ticker.server.WebSocketTestClient;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS and WSS on the server's one client port, with a CA and certificates the test makes, and a renewal under load. */
@Timeout(60)
class TlsServerTest
{
    private static final TestPki PKI = new TestPki();

    @TempDir
    Path dir;

    private JournalFixture fixture;
    private TickerServer server;
    private HttpClient https;

    @BeforeEach
    void start()
    {
        fixture = new JournalFixture(dir.resolve("data"));
        fixture.append(10);
        writePair("RSA", "first");
        server = TickerServer.start(new ServerConfiguration().port(0).tlsReloadCheckMs(0)
            .tlsCert(dir.resolve("cert.pem").toString()).tlsKey(dir.resolve("key.pem").toString()), fixture.journal);
        https = HttpClient.newBuilder().sslContext(PKI.clientContext()).build();
    }

    @AfterEach
    void stop()
    {
        server.close();
        fixture.close();
    }

    @Test
    void shouldAnswerOverHttpsWithTheSecurityHeaders() throws Exception
    {
        assertTrue(server.url().startsWith("https://127.0.0.1:"), server.url());

        final HttpResponse<String> index = https.send(HttpRequest.newBuilder(URI.create(server.url() + "api/instruments")).build(),
            HttpResponse.BodyHandlers.ofString());

        assertEquals(200, index.statusCode());
        assertEquals("TLSv1.3", index.sslSession().orElseThrow().getProtocol());
        assertEquals("max-age=31536000", index.headers().firstValue("Strict-Transport-Security").orElse(""));
        assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", index.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, index.headers().firstValue("Content-Security-Policy").orElse(""));
    }

    @Test
    void shouldAcceptATls12Client() throws Exception
    {
        final SSLParameters tls12 = new SSLParameters();
        tls12.setProtocols(new String[]{"TLSv1.2"});
        final HttpClient client = HttpClient.newBuilder().sslContext(PKI.clientContext()).sslParameters(tls12).build();

        final HttpResponse<String> instruments = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/instruments")).build(),
            HttpResponse.BodyHandlers.ofString());

        assertEquals(200, instruments.statusCode());
        assertEquals("TLSv1.2", instruments.sslSession().orElseThrow().getProtocol());
    }

    @Test
    void shouldNotSpeakPlainHttpOnTheTlsPort()
    {
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void shouldStreamOverWssAndKeepStreamingWhileARenewedCertificateIsTakenForNewConnections() throws Exception
    {
        try (WebSocketTestClient client = WebSocketTestClient.connect(URI.create("wss://127.0.0.1:" + server.port() + "/ws"), https,
            Map.of(), List.of()))
        {
            client.send(TokenAuthenticationTest.subscribe(1, "AAA"));
            client.nextMatching(ServerMessage::hasSnapshot);
            final X509Certificate renewed = writePair("EC", "renewed");

            assertTrue(server.reloadTls());

            final HttpClient fresh = HttpClient.newBuilder().sslContext(PKI.clientContext()).build();
            final HttpResponse<String> after = fresh.send(HttpRequest.newBuilder(URI.create(server.url())).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(renewed, after.sslSession().orElseThrow().getPeerCertificates()[0]);
            fixture.append(30);
            final ServerMessage data = client.nextMatching(ServerMessage::hasData);
            assertTrue(data.getData().getTicksCount() > 0, data.toString());
            assertEquals(0, server.pendingHandshakes().pending(), "the upgraded and the answered connections are through their handshakes");
        }
    }

    @Test
    void shouldCountAConnectionThatNeverStartsItsTlsHandshakeAsPendingUntilItCloses() throws Exception
    {
        try (Socket silent = new Socket("127.0.0.1", server.port()))
        {
            assertTrue(silent.isConnected());
            Conditions.await("the silent connection is pending", () -> server.pendingHandshakes().pending() == 1);
        }
        Conditions.await("the closed connection is no longer pending", () -> server.pendingHandshakes().pending() == 0);
    }

    private X509Certificate writePair(final String algorithm, final String name)
    {
        final KeyPair keys = TestPki.keyPair(algorithm);
        final X509Certificate certificate = PKI.serverCertificate(keys, name);
        TestPki.write(dir.resolve("key.pem"), keys.getPrivate());
        PKI.writeChain(dir.resolve("cert.pem"), certificate);
        return certificate;
    }
}
