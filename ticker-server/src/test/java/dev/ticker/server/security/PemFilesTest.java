package dev.ticker.server.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PemFilesTest
{
    private static final TestPki PKI = new TestPki();

    @TempDir
    Path dir;

    @Test
    void shouldReadAChainInTheFilesOrder()
    {
        final X509Certificate server = PKI.serverCertificate(TestPki.keyPair("EC"), "localhost");
        final List<X509Certificate> chain = PemFiles.certificates("tlsCert", PKI.writeChain(dir.resolve("chain.pem"), server));

        assertEquals(List.of(server, PKI.caCertificate()), chain);
    }

    @Test
    void shouldReadRsaKeysInPkcs1AndPkcs8()
    {
        final KeyPair keys = TestPki.keyPair("RSA");
        final Path pkcs1 = TestPki.write(dir.resolve("rsa1.pem"), keys.getPrivate());
        final Path pkcs8 = TestPki.writePkcs8(dir.resolve("rsa8.pem"), keys.getPrivate());

        assertTrue(contains(pkcs1, "BEGIN RSA PRIVATE KEY"));
        assertTrue(contains(pkcs8, "BEGIN PRIVATE KEY"));
        assertArrayEquals(keys.getPrivate().getEncoded(), PemFiles.privateKey("tlsKey", pkcs1).getEncoded());
        assertArrayEquals(keys.getPrivate().getEncoded(), PemFiles.privateKey("tlsKey", pkcs8).getEncoded());
    }

    @Test
    void shouldReadEcKeysInSec1AndPkcs8()
    {
        final KeyPair keys = TestPki.keyPair("EC");
        final Path sec1 = TestPki.write(dir.resolve("ec1.pem"), keys.getPrivate());
        final Path pkcs8 = TestPki.writePkcs8(dir.resolve("ec8.pem"), keys.getPrivate());

        assertTrue(contains(sec1, "BEGIN EC PRIVATE KEY"));
        assertEquals("EC", PemFiles.privateKey("tlsKey", sec1).getAlgorithm());
        assertArrayEquals(keys.getPrivate().getEncoded(), PemFiles.privateKey("tlsKey", pkcs8).getEncoded());
    }

    @Test
    void shouldTakeThePublicKeyOfAPublicKeyFileOrACertificate()
    {
        final KeyPair keys = TestPki.keyPair("RSA");
        final Path publicKey = TestPki.write(dir.resolve("public.pem"), keys.getPublic());
        final Path certificate = TestPki.write(dir.resolve("cert.pem"), PKI.serverCertificate(keys, "localhost"));

        assertEquals(keys.getPublic(), PemFiles.publicKey("tokenPublicKey", publicKey));
        assertEquals(keys.getPublic(), PemFiles.publicKey("tokenPublicKey", certificate));
    }

    @Test
    void shouldNameTheSettingAndTheFileWhenAKeyFileHoldsOnlyACertificate()
    {
        final Path certificate = TestPki.write(dir.resolve("cert.pem"), PKI.caCertificate());

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey("tlsKey", certificate));

        assertEquals("tlsKey=" + certificate + ": no PEM private key in the file " +
            "(expected -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)", error.getMessage());
    }

    @Test
    void shouldSayWhenACertificateFileHoldsNoCertificate() throws Exception
    {
        final Path empty = Files.writeString(dir.resolve("empty.pem"), "not pem at all\n");

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates("tlsCert", empty));

        assertEquals("tlsCert=" + empty + ": no PEM certificate in the file (expected -----BEGIN CERTIFICATE-----)", error.getMessage());
    }

    @Test
    void shouldSayAFileIsMissing()
    {
        final Path missing = dir.resolve("missing.pem");

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates("tlsCert", missing));

        assertTrue(error.getMessage().startsWith("tlsCert=" + missing + ": cannot be read as PEM (java.nio.file.NoSuchFileException"),
            error.getMessage());
    }

    private static boolean contains(final Path file, final String text)
    {
        try
        {
            return Files.readString(file).contains(text);
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
