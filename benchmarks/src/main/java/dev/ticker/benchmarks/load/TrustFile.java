package dev.ticker.benchmarks.load;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * A TLS client context that trusts the certificates of one PEM file (a CA's, or a server's own
 * self-signed one) instead of the JVM's CAs, so a load test or a client can reach a wss:// server
 * with a private certificate. The JDK reads PEM certificates itself.
 */
public final class TrustFile
{
    private TrustFile()
    {
    }

    /**
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate.
     */
    public static SSLContext sslContext(final Path file)
    {
        try (InputStream in = Files.newInputStream(file))
        {
            final Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty())
            {
                throw new IllegalArgumentException("--trust " + file + ": no PEM certificate in the file");
            }
            final KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (final Certificate certificate : certificates)
            {
                store.setCertificateEntry("trusted-" + i++, certificate);
            }
            final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("--trust " + file + ": cannot be read as PEM certificates (" + ex.getMessage() + ")", ex);
        }
    }
}
