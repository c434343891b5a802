package dev.ticker.server.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real TLS handshakes on loopback against the server's context: a client that trusts the test's CA,
 * old protocols refused, and certificates renewed under open connections.
 */
@Timeout(60)
class ServerTlsTest
{
    private static final TestPki PKI = new TestPki();

    @TempDir
    Path dir;

    private ServerTls tls;
    private SSLServerSocket serverSocket;
    private final ExecutorService echoThreads = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws IOException
    {
        echoThreads.shutdownNow();
        if (null != serverSocket)
        {
            serverSocket.close();
        }
        if (null != tls)
        {
            tls.close();
        }
    }

    @Test
    void shouldServeAnRsaChainThatAClientTrustingTheCaAccepts() throws Exception
    {
        final X509Certificate certificate = writePair("RSA", "first");
        tls = ServerTls.start(dir.resolve("cert.pem"), dir.resolve("key.pem"), 0);
        startEchoServer();

        try (SSLSocket client = connect(PKI.clientContext(), "TLSv1.3", "TLSv1.2"))
        {
            assertEquals(certificate, client.getSession().getPeerCertificates()[0]);
            assertEquals(PKI.caCertificate(), client.getSession().getPeerCertificates()[1]);
            assertEquals(42, echo(client, 42));
        }
    }

    @Test
    void shouldServeAnEcKeyOverTls12() throws Exception
    {
        writePair("EC", "ec");
        tls = ServerTls.start(dir.resolve("cert.pem"), dir.resolve("key.pem"), 0);
        startEchoServer();

        try (SSLSocket client = connect(PKI.clientContext(), "TLSv1.2"))
        {
            assertEquals("TLSv1.2", client.getSession().getProtocol());
            assertEquals(7, echo(client, 7));
        }
    }

    @Test
    void shouldRefuseTls11() throws Exception
    {
        writePair("EC", "old");
        tls = ServerTls.start(dir.resolve("cert.pem"), dir.resolve("key.pem"), 0);
        startEchoServer();

        assertThrows(IOException.class, () ->
        {
            try (SSLSocket client = connect(PKI.clientContext(), "TLSv1.1"))
            {
                echo(client, 1);
            }
        });
    }

    @Test
    void shouldRefuseAKeyThatIsNotTheCertificatesOne()
    {
        final KeyPair keys = TestPki.keyPair("EC");
        PKI.writeChain(dir.resolve("cert.pem"), PKI.serverCertificate(keys, "localhost"));
        TestPki.write(dir.resolve("key.pem"), TestPki.keyPair("EC").getPrivate());

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ServerTls.start(dir.resolve("cert.pem"), dir.resolve("key.pem"), 0));

        assertTrue(error.getMessage().startsWith("tlsKey=" + dir.resolve("key.pem") + ": the key does not belong to the certificate CN=localhost"),
            error.getMessage());
    }

    @Test
    void shouldRefuseAnExpiredCertificate()
    {
        final KeyPair keys = TestPki.keyPair("EC");
        PKI.writeChain(dir.resolve("cert.pem"), PKI.serverCertificate(keys, "localhost",
            Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1))));
        TestPki.write(dir.resolve("key.pem"), keys.getPrivate());

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ServerTls.start(dir.resolve("cert.pem"), dir.resolve("key.pem"), 0));

        assertTrue(error.getMessage().contains(", not now"), error.getMessage());
    }

    @Test
    void shouldPresentARenewedCertificateToNewConnectionsWhileOpenOnesGoOn() throws Exception
    {
        writePair("RSA", "first");
        tls = ServerTls.start(dir.resolve("cert.pem"), dir.resolve("key.pem"), 0);
        startEchoServer();

        try (SSLSocket before = connect(PKI.clientContext(), "TLSv1.3"))
        {
            assertEquals(1, echo(before, 1));
            final X509Certificate renewed = writePair("EC", "renewed");

            assertTrue(tls.reload());

            try (SSLSocket after = connect(PKI.clientContext(), "TLSv1.3"))
            {
                assertEquals(renewed, after.getSession().getPeerCertificates()[0]);
                assertEquals(3, echo(after, 3));
            }
            assertEquals(2, echo(before, 2));
            assertEquals(2, tls.loads());
        }
    }

    @Test
    void shouldKeepTheCertificateInUseWhenTheRenewedPairDoesNotMatch() throws Exception
    {
        final X509Certificate first = writePair("EC", "first");
        tls = ServerTls.start(dir.resolve("cert.pem"), dir.resolve("key.pem"), 0);
        TestPki.write(dir.resolve("key.pem"), TestPki.keyPair("EC").getPrivate());

        assertFalse(tls.reload());

        assertEquals(first, tls.certificate());
        assertEquals(1, tls.loads());
    }

    @Test
    void shouldLoadARenewedCertificateWhenTheFilesChange() throws Exception
    {
        writePair("EC", "first");
        tls = ServerTls.start(dir.resolve("cert.pem"), dir.resolve("key.pem"), 10);
        final X509Certificate renewed = writePair("EC", "renewed");
        // a renewal within the file system's time resolution must still be seen
        Files.setLastModifiedTime(dir.resolve("cert.pem"), FileTime.from(Instant.now().plusSeconds(5)));

        awaitTrue(() -> renewed.equals(tls.certificate()));

        assertEquals(2, tls.loads());
    }

    private X509Certificate writePair(final String algorithm, final String name)
    {
        final KeyPair keys = TestPki.keyPair(algorithm);
        final X509Certificate certificate = PKI.serverCertificate(keys, name);
        TestPki.write(dir.resolve("key.pem"), keys.getPrivate());
        PKI.writeChain(dir.resolve("cert.pem"), certificate);
        return certificate;
    }

    private void startEchoServer() throws IOException
    {
        serverSocket = (SSLServerSocket)tls.context().getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        serverSocket.setEnabledProtocols(ServerTls.PROTOCOLS.toArray(new String[0]));
        echoThreads.execute(() ->
        {
            while (!serverSocket.isClosed())
            {
                try
                {
                    final SSLSocket socket = (SSLSocket)serverSocket.accept();
                    echoThreads.execute(() -> echoAll(socket));
                }
                catch (final IOException ex)
                {
                    return;
                }
            }
        });
    }

    private static void echoAll(final SSLSocket socket)
    {
        try (socket)
        {
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true)
            {
                out.writeInt(in.readInt());
                out.flush();
            }
        }
        catch (final IOException ex)
        {
            // the client went away
        }
    }

    private SSLSocket connect(final SSLContext context, final String... protocols) throws IOException
    {
        final SSLSocket socket = (SSLSocket)context.getSocketFactory().createSocket();
        socket.setSoTimeout(20_000);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverSocket.getLocalPort()), 20_000);
        socket.setEnabledProtocols(protocols);
        socket.startHandshake();
        return socket;
    }

    private static int echo(final SSLSocket socket, final int value) throws IOException
    {
        final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(value);
        out.flush();
        return new DataInputStream(socket.getInputStream()).readInt();
    }

    private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("not true within 30 s");
            }
            Thread.onSpinWait();
            Thread.sleep(5);
        }
    }

}
