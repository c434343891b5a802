package dev.ticker.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's TLS: an {@link SSLContext} built from a PEM certificate (with its chain) and key,
 * that offers TLS 1.2 and 1.3 only, and takes a renewed certificate and key while the server runs:
 * when either file changes on disk, and on {@link #reload()} (which the server calls on SIGHUP).
 * A reload that fails (a half-written file, a key that does not match) keeps the pair in use and
 * says why, so a renewal can never take the server's TLS down.
 */
public final class ServerTls implements AutoCloseable
{
    /** The protocols offered: everything older is broken or deprecated (RFC 8996). */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** The names of the settings that give the files, for error messages. */
    public static final String CERT_SETTING = "tlsCert";
    public static final String KEY_SETTING = "tlsKey";

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private final Path certFile;
    private final Path keyFile;
    private final SSLContext context;
    private final ReloadableKeyManager keyManager;
    private final AtomicLong loads = new AtomicLong(1);
    private final ScheduledExecutorService watcher;
    private volatile String lastSeen;

    private ServerTls(final Path certFile, final Path keyFile, final long checkIntervalMs)
    {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.lastSeen = fileStamp();
        this.keyManager = new ReloadableKeyManager(load(1));
        try
        {
            context = SSLContext.getInstance("TLS");
            context.init(new javax.net.ssl.KeyManager[]{keyManager}, null, new SecureRandom());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JVM cannot make a TLS context: " + ex.getMessage(), ex);
        }
        if (checkIntervalMs > 0)
        {
            watcher = Executors.newSingleThreadScheduledExecutor(task ->
            {
                final Thread thread = new Thread(task, "tls-reload");
                thread.setDaemon(true);
                return thread;
            });
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, checkIntervalMs, checkIntervalMs, TimeUnit.MILLISECONDS);
        }
        else
        {
            watcher = null;
        }
    }

    /**
     * Loads the certificate and key, and checks that they belong together and the certificate is in date.
     *
     * @param checkIntervalMs how often to look whether a file changed; 0 for never (then only {@link #reload()}).
     * @throws IllegalArgumentException {@code tlsCert=file: why} or {@code tlsKey=file: why}.
     */
    public static ServerTls start(final Path certFile, final Path keyFile, final long checkIntervalMs)
    {
        return new ServerTls(certFile, keyFile, checkIntervalMs);
    }

    /** The context the HTTPS listener takes; its key manager follows every reload. */
    public SSLContext context()
    {
        return context;
    }

    /** The certificate handshakes present now (the first of the chain). */
    public X509Certificate certificate()
    {
        return keyManager.current().chain()[0];
    }

    /** How many times a certificate and key were loaded and taken into use, the first time included. */
    public long loads()
    {
        return loads.get();
    }

    /**
     * Reads the files again and, if they hold a good pair, hands it to every handshake from now on.
     *
     * @return true when the new pair is in use; false when it was refused (the reason is logged) and the old one stays.
     */
    public synchronized boolean reload()
    {
        lastSeen = fileStamp();
        try
        {
            final long next = loads.get() + 1;
            keyManager.swap(load(next));
            loads.set(next);
            LOG.info("TLS certificate reloaded: {} (valid until {})", certificate().getSubjectX500Principal(),
                certificate().getNotAfter().toInstant());
            return true;
        }
        catch (final RuntimeException ex)
        {
            LOG.error("TLS certificate not reloaded, the one in use stays: {}", ex.getMessage());
            return false;
        }
    }

    @Override
    public void close()
    {
        if (null != watcher)
        {
            watcher.shutdownNow();
        }
    }

    private void reloadIfChanged()
    {
        if (!fileStamp().equals(lastSeen))
        {
            reload();
        }
    }

    private ReloadableKeyManager.Credentials load(final long generation)
    {
        final List<X509Certificate> chain = PemFiles.certificates(CERT_SETTING, certFile);
        final PrivateKey key = PemFiles.privateKey(KEY_SETTING, keyFile);
        final X509Certificate leaf = chain.get(0);
        if (!belongTogether(leaf, key))
        {
            throw new IllegalArgumentException(KEY_SETTING + "=" + keyFile + ": the key does not belong to the certificate " +
                leaf.getSubjectX500Principal() + " in " + CERT_SETTING + "=" + certFile);
        }
        try
        {
            leaf.checkValidity();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException(CERT_SETTING + "=" + certFile + ": the certificate is valid from " +
                leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant() + ", not now", ex);
        }
        return new ReloadableKeyManager.Credentials("ticker-" + generation, chain.toArray(new X509Certificate[0]), key);
    }

    /** Signs a few bytes with the key and checks them with the certificate: true only for a matching pair. */
    private static boolean belongTogether(final X509Certificate certificate, final PrivateKey key)
    {
        final String algorithm = switch (key.getAlgorithm())
        {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException(KEY_SETTING + ": a " + key.getAlgorithm() +
                " key is not supported; use RSA or EC");
        };
        try
        {
            final byte[] probe = "ticker tls key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            final Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }

    /** What the files look like now: a change of either file's time or size means a renewal to load. */
    private String fileStamp()
    {
        return stamp(certFile) + "|" + stamp(keyFile);
    }

    private static String stamp(final Path file)
    {
        try
        {
            return Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
        }
        catch (final IOException ex)
        {
            return "missing";
        }
    }
}
