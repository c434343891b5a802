package dev.ticker.server.security;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads certificates and keys from PEM files, the form every CA and {@code openssl} hands out: a
 * certificate with its chain, an RSA or EC private key (PKCS#1, SEC1 or PKCS#8), a public key. The
 * parsing is Bouncy Castle's; this class only says precisely what a file lacks when it is wrong.
 */
public final class PemFiles
{
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();
    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();

    private PemFiles()
    {
    }

    /**
     * The certificates of a file, the server's own first and then its chain, in the file's order.
     *
     * @param setting the setting that named the file, for the error message.
     * @throws IllegalArgumentException {@code setting=file: why} when the file cannot be read or holds no certificate.
     */
    public static List<X509Certificate> certificates(final String setting, final Path file)
    {
        final List<X509Certificate> chain = new ArrayList<>();
        for (final Object item : items(setting, file))
        {
            if (item instanceof X509CertificateHolder holder)
            {
                try
                {
                    chain.add(CERTIFICATES.getCertificate(holder));
                }
                catch (final CertificateException ex)
                {
                    throw new IllegalArgumentException(setting + "=" + file + ": certificate " + (chain.size() + 1) +
                        " cannot be read (" + ex.getMessage() + ")", ex);
                }
            }
        }
        if (chain.isEmpty())
        {
            throw new IllegalArgumentException(setting + "=" + file + ": no PEM certificate in the file " +
                "(expected -----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    /**
     * The one private key of a file: RSA or EC, unencrypted.
     *
     * @throws IllegalArgumentException {@code setting=file: why} when there is none, more than one, or it is encrypted.
     */
    public static PrivateKey privateKey(final String setting, final Path file)
    {
        PrivateKey key = null;
        for (final Object item : items(setting, file))
        {
            final PrivateKey found;
            try
            {
                if (item instanceof PEMKeyPair pair)
                {
                    found = KEYS.getPrivateKey(pair.getPrivateKeyInfo());
                }
                else if (item instanceof PrivateKeyInfo info)
                {
                    found = KEYS.getPrivateKey(info);
                }
                else if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo)
                {
                    throw new IllegalArgumentException(setting + "=" + file + ": the private key is encrypted; " +
                        "give it unencrypted (openssl pkey -in KEY -out PLAIN) and protect the file by its permissions");
                }
                else
                {
                    continue;
                }
            }
            catch (final PEMException ex)
            {
                throw new IllegalArgumentException(setting + "=" + file + ": the private key cannot be read (" +
                    ex.getMessage() + ")", ex);
            }
            if (null != key)
            {
                throw new IllegalArgumentException(setting + "=" + file + ": more than one private key in the file");
            }
            key = found;
        }
        if (null == key)
        {
            throw new IllegalArgumentException(setting + "=" + file + ": no PEM private key in the file " +
                "(expected -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)");
        }
        return key;
    }

    /**
     * The public key of a file holding a public key ({@code -----BEGIN PUBLIC KEY-----}) or a certificate,
     * whose key is taken.
     *
     * @throws IllegalArgumentException {@code setting=file: why} when there is neither.
     */
    public static PublicKey publicKey(final String setting, final Path file)
    {
        for (final Object item : items(setting, file))
        {
            try
            {
                if (item instanceof SubjectPublicKeyInfo info)
                {
                    return KEYS.getPublicKey(info);
                }
                if (item instanceof X509CertificateHolder holder)
                {
                    return KEYS.getPublicKey(holder.getSubjectPublicKeyInfo());
                }
            }
            catch (final PEMException ex)
            {
                throw new IllegalArgumentException(setting + "=" + file + ": the public key cannot be read (" +
                    ex.getMessage() + ")", ex);
            }
        }
        throw new IllegalArgumentException(setting + "=" + file + ": no PEM public key in the file " +
            "(expected -----BEGIN PUBLIC KEY----- or a certificate)");
    }

    private static List<Object> items(final String setting, final Path file)
    {
        final List<Object> items = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
            PEMParser parser = new PEMParser(reader))
        {
            for (Object item = parser.readObject(); null != item; item = parser.readObject())
            {
                items.add(item);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(setting + "=" + file + ": cannot be read as PEM (" + ex + ")", ex);
        }
        return items;
    }
}
