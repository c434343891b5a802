package dev.ticker.server.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenVerifierTest
{
    private static final Entitlements ENTITLEMENTS = new Entitlements(
        List.of(SymbolPattern.parse("AAPL"), SymbolPattern.parse("*.DE")), List.of("currency:USD"), true, Duration.ofDays(7), 10, 2);
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    @Test
    void shouldAcceptAnHs256TokenAndReadItsSubjectExpiryAndEntitlements() throws Exception
    {
        final Path secret = secretFile("secret", 48);
        final Instant now = Instant.now();
        final String token = TokenIssuer.hmacSecret(secret).issue("alice", ENTITLEMENTS, now, HOUR);

        final AccessToken accepted = TokenVerifier.hmacSecret(secret, 60).verify(token);

        assertEquals("alice", accepted.subject());
        assertEquals(now.plus(HOUR).getEpochSecond() * 1000, accepted.expiresAtMs());
        assertEquals(ENTITLEMENTS, accepted.entitlements());
    }

    @Test
    void shouldAcceptRs256AndEs256TokensFromAPublicKeyFile() throws Exception
    {
        for (final String algorithm : List.of("RSA", "EC"))
        {
            final KeyPair keys = TestPki.keyPair(algorithm);
            final Path privateKey = TestPki.write(dir.resolve(algorithm + "-private.pem"), keys.getPrivate());
            final Path publicKey = TestPki.write(dir.resolve(algorithm + "-public.pem"), keys.getPublic());
            final TokenIssuer issuer = TokenIssuer.privateKey(privateKey, null);

            final AccessToken accepted = TokenVerifier.publicKey(publicKey, 60).verify(issuer.issue("bob", ENTITLEMENTS, Instant.now(), HOUR));

            assertEquals("RSA".equals(algorithm) ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256, issuer.algorithm());
            assertEquals("bob", accepted.subject());
        }
    }

    @Test
    void shouldPickTheKeyOfAJwksFileByKeyId() throws Exception
    {
        final KeyPair rsa = TestPki.keyPair("RSA");
        final KeyPair ec = TestPki.keyPair("EC");
        final JWKSet set = new JWKSet(List.of(
            new RSAKey.Builder((RSAPublicKey)rsa.getPublic()).keyID("rsa-1").build(),
            new ECKey.Builder(Curve.P_256, (ECPublicKey)ec.getPublic()).keyID("ec-1").build()));
        final Path jwks = Files.writeString(dir.resolve("jwks.json"), set.toString(true));
        final TokenVerifier verifier = TokenVerifier.jwks(jwks, 60);

        final String byEc = TokenIssuer.privateKey(TestPki.write(dir.resolve("ec.pem"), ec.getPrivate()), "ec-1")
            .issue("carol", ENTITLEMENTS, Instant.now(), HOUR);
        final String byRsa = TokenIssuer.privateKey(TestPki.write(dir.resolve("rsa.pem"), rsa.getPrivate()), "rsa-1")
            .issue("dave", ENTITLEMENTS, Instant.now(), HOUR);

        assertEquals("carol", verifier.verify(byEc).subject());
        assertEquals("dave", verifier.verify(byRsa).subject());
    }

    @Test
    void shouldRefuseAnExpiredToken() throws Exception
    {
        final Path secret = secretFile("secret", 32);
        final Instant issued = Instant.now().minus(Duration.ofHours(2));
        final String token = TokenIssuer.hmacSecret(secret).issue("alice", ENTITLEMENTS, issued, HOUR);

        final TokenRejectedException refused = assertThrows(TokenRejectedException.class, () -> TokenVerifier.hmacSecret(secret, 60).verify(token));

        assertEquals("expired at " + Instant.ofEpochSecond(issued.plus(HOUR).getEpochSecond()), refused.getMessage());
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherSecret() throws Exception
    {
        final String token = TokenIssuer.hmacSecret(secretFile("other", 32)).issue("mallory", ENTITLEMENTS, Instant.now(), HOUR);

        final TokenRejectedException refused = assertThrows(TokenRejectedException.class,
            () -> TokenVerifier.hmacSecret(secretFile("secret", 32), 60).verify(token));

        assertEquals("the signature does not verify with the server's key", refused.getMessage());
    }

    @Test
    void shouldRefuseAnUnsignedToken()
    {
        final String token = new PlainJWT(claims("mallory")).serialize();

        final TokenRejectedException refused = assertThrows(TokenRejectedException.class,
            () -> TokenVerifier.hmacSecret(secretFile("secret", 32), 60).verify(token));

        assertEquals("an unsigned token (alg none) is refused", refused.getMessage());
    }

    @Test
    void shouldRefuseAnHs256TokenSignedWithTheServersPublicKeyAsTheSecret() throws Exception
    {
        final Path publicKey = TestPki.write(dir.resolve("public.pem"), TestPki.keyPair("RSA").getPublic());
        final SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("mallory"));
        forged.sign(new MACSigner(Files.readAllBytes(publicKey)));

        final TokenRejectedException refused = assertThrows(TokenRejectedException.class,
            () -> TokenVerifier.publicKey(publicKey, 60).verify(forged.serialize()));

        assertEquals("algorithm HS256 is not accepted here; this server takes [RS256]", refused.getMessage());
    }

    @Test
    void shouldRefuseAMissingOrMalformedToken()
    {
        final TokenVerifier verifier = TokenVerifier.hmacSecret(secretFile("secret", 32), 60);

        assertEquals("no token", assertThrows(TokenRejectedException.class, () -> verifier.verify(null)).getMessage());
        assertEquals("no token", assertThrows(TokenRejectedException.class, () -> verifier.verify(" ")).getMessage());
        assertTrue(assertThrows(TokenRejectedException.class, () -> verifier.verify("not.a.token")).getMessage().startsWith("not a token"));
    }

    @Test
    void shouldRefuseATokenWithoutExpiry() throws Exception
    {
        final Path secret = secretFile("secret", 32);
        final SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("eve").build());
        token.sign(new MACSigner(TokenVerifier.secret("secret", secret)));

        final TokenRejectedException refused = assertThrows(TokenRejectedException.class,
            () -> TokenVerifier.hmacSecret(secret, 60).verify(token.serialize()));

        assertTrue(refused.getMessage().contains("exp"), refused.getMessage());
    }

    @Test
    void shouldRefuseAShortSecretWithTheSettingAndTheLength()
    {
        final Path secret = secretFile("short", 16);

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TokenVerifier.hmacSecret(secret, 60));

        assertEquals("tokenSecret=" + secret + ": the secret is 16 bytes; HS256 needs at least 32 (e.g. openssl rand -base64 48 > short)",
            error.getMessage());
    }

    private Path secretFile(final String name, final int bytes)
    {
        try
        {
            return Files.writeString(dir.resolve(name), "k".repeat(bytes - 1) + name.charAt(0) + "\n", StandardCharsets.US_ASCII);
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static JWTClaimsSet claims(final String subject)
    {
        return new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(Instant.now().plus(HOUR))).build();
    }
}
