package dev.ticker.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs access tokens with the key the server checks them with: for operators handing tokens to users
 * and systems ({@code ticker token}), and for tests. Identity providers issue them in production; this
 * writes the same claims ({@link EntitlementClaims}).
 */
public final class TokenIssuer
{
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final String keyId;

    private TokenIssuer(final JWSSigner signer, final JWSAlgorithm algorithm, final String keyId)
    {
        this.signer = signer;
        this.algorithm = algorithm;
        this.keyId = keyId;
    }

    /** Signs with HS256 and the secret in the file, the one the server reads with {@code --token-secret}. */
    public static TokenIssuer hmacSecret(final Path file)
    {
        try
        {
            return new TokenIssuer(new MACSigner(TokenVerifier.secret("secret", file)), JWSAlgorithm.HS256, null);
        }
        catch (final JOSEException ex)
        {
            throw new IllegalArgumentException("secret=" + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Signs with the RSA (RS256) or EC P-256 (ES256) private key in the PEM file.
     *
     * @param keyId the {@code kid} to put in the header (the key's id in the server's JWKS), or null.
     */
    public static TokenIssuer privateKey(final Path file, final String keyId)
    {
        final PrivateKey key = PemFiles.privateKey("privateKey", file);
        try
        {
            if (key instanceof ECPrivateKey ec)
            {
                if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams())))
                {
                    throw new IllegalArgumentException("privateKey=" + file + ": an EC key on another curve than P-256");
                }
                return new TokenIssuer(new ECDSASigner(ec), JWSAlgorithm.ES256, keyId);
            }
            if ("RSA".equals(key.getAlgorithm()))
            {
                return new TokenIssuer(new RSASSASigner(key), JWSAlgorithm.RS256, keyId);
            }
        }
        catch (final JOSEException ex)
        {
            throw new IllegalArgumentException("privateKey=" + file + ": " + ex.getMessage(), ex);
        }
        throw new IllegalArgumentException("privateKey=" + file + ": a " + key.getAlgorithm() + " key; use RSA or EC P-256");
    }

    /** The algorithm tokens are signed with. */
    public JWSAlgorithm algorithm()
    {
        return algorithm;
    }

    /**
     * A signed token (compact form) for the subject, valid from now for the time to live.
     *
     * @param now the issue time (the clock is the caller's, so tests can issue expired tokens).
     */
    public String issue(final String subject, final Entitlements entitlements, final Instant now, final Duration timeToLive)
    {
        if (null == subject || subject.isBlank())
        {
            throw new IllegalArgumentException("subject: must not be empty");
        }
        if (timeToLive.isNegative() || timeToLive.isZero())
        {
            throw new IllegalArgumentException("ttl " + timeToLive + ": must be positive");
        }
        final JWTClaimsSet claims = new JWTClaimsSet.Builder()
            .subject(subject)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(timeToLive)))
            .jwtID(UUID.randomUUID().toString())
            .claim(EntitlementClaims.CLAIM, EntitlementClaims.write(entitlements))
            .build();
        final SignedJWT token = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
        try
        {
            token.sign(signer);
        }
        catch (final JOSEException ex)
        {
            throw new IllegalStateException("cannot sign the token: " + ex.getMessage(), ex);
        }
        return token.serialize();
    }
}
