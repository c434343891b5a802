package dev.ticker.server.security;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A certificate authority made by a test, and the certificates and PEM files it signs: what an
 * operator gets from a real CA, without one. Keys are RSA 2048 or EC P-256.
 */
public final class TestPki
{
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    public TestPki()
    {
        caKeys = keyPair("EC");
        caCertificate = certificate("CN=Ticker Test CA", caKeys, "CN=Ticker Test CA", caKeys.getPrivate(), true,
            Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
    }

    public X509Certificate caCertificate()
    {
        return caCertificate;
    }

    /** A new RSA ("RSA") or EC ("EC") key pair. */
    public static KeyPair keyPair(final String algorithm)
    {
        try
        {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if ("EC".equals(algorithm))
            {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            else
            {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** A server certificate for localhost and 127.0.0.1, signed by this CA, valid from a day ago for thirty days. */
    public X509Certificate serverCertificate(final KeyPair keys, final String commonName)
    {
        return serverCertificate(keys, commonName, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
    }

    public X509Certificate serverCertificate(final KeyPair keys, final String commonName, final Instant from, final Instant to)
    {
        return certificate("CN=" + commonName, keys, caCertificate.getSubjectX500Principal().getName(), caKeys.getPrivate(), false, from, to);
    }

    /** Writes the certificate followed by the CA's, as a chain file. */
    public Path writeChain(final Path file, final X509Certificate certificate)
    {
        return write(file, certificate, caCertificate);
    }

    /** Writes objects (certificates, keys, public keys) as PEM; a private key comes out as PKCS#1 (RSA) or SEC1 (EC). */
    public static Path write(final Path file, final Object... objects)
    {
        final StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text))
        {
            for (final Object object : objects)
            {
                if (object instanceof java.security.interfaces.ECPrivateKey ec)
                {
                    writer.writeObject(sec1(ec));
                }
                else
                {
                    writer.writeObject(object);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return writeText(file, text.toString());
    }

    /** Writes a private key as PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), as openssl 3 does. */
    public static Path writePkcs8(final Path file, final PrivateKey key)
    {
        final StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text))
        {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return writeText(file, text.toString());
    }

    /** An EC key as openssl writes it ({@code EC PRIVATE KEY}, SEC1), with its curve named inside. */
    private static PemObject sec1(final java.security.interfaces.ECPrivateKey key) throws IOException
    {
        final PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        final org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        return new PemObject("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(
            key.getParams().getOrder().bitLength(), inner.getKey(), info.getPrivateKeyAlgorithm().getParameters()).getEncoded());
    }

    /** A TLS client context that trusts this CA only. */
    public SSLContext clientContext()
    {
        try
        {
            final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCertificate);
            final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        }
        catch (final GeneralSecurityException | IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static Path writeText(final Path file, final String text)
    {
        try
        {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static X509Certificate certificate(
        final String subject,
        final KeyPair keys,
        final String issuer,
        final PrivateKey issuerKey,
        final boolean authority,
        final Instant from,
        final Instant to)
    {
        try
        {
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), new X500Name(subject), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (authority)
            {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            else
            {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            final String signature = "EC".equals(issuerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(issuerKey)));
        }
        catch (final IOException | GeneralSecurityException | OperatorCreationException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
