package dev.ticker.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Checks access tokens (signed JWTs) with nimbus-jose-jwt against the one kind of key the server was
 * given: an HS256 secret, an RSA or EC public key (RS256, ES256), or a JWKS file of RSA and EC public
 * keys. Only the algorithms of that key are accepted, so an unsigned token ({@code alg: none}) or one
 * signed with HS256 using the server's public key as the secret (the HS/RS confusion) is refused before
 * any signature is checked. A token must name its subject and expiry.
 */
public final class TokenVerifier
{
    /** The settings that name the key, for error messages. */
    public static final String SECRET_SETTING = "tokenSecret";
    public static final String PUBLIC_KEY_SETTING = "tokenPublicKey";
    public static final String JWKS_SETTING = "tokenJwks";
    /** The shortest HS256 secret: as long as the hash (RFC 7518 section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    private final Set<JWSAlgorithm> algorithms;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    private TokenVerifier(final Set<JWSAlgorithm> algorithms, final JWKSource<SecurityContext> keys, final long maxClockSkewSeconds)
    {
        this.algorithms = Set.copyOf(algorithms);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(this.algorithms, keys));
        final DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp"));
        claims.setMaxClockSkew((int)maxClockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Tokens signed with HS256 and the secret in the file (its bytes, a final line break aside). */
    public static TokenVerifier hmacSecret(final Path file, final long maxClockSkewSeconds)
    {
        return new TokenVerifier(Set.of(JWSAlgorithm.HS256), new ImmutableSecret<>(secret(SECRET_SETTING, file)), maxClockSkewSeconds);
    }

    /** Tokens signed with the private key of the PEM public key (or certificate) in the file: RS256 for RSA, ES256 for EC P-256. */
    public static TokenVerifier publicKey(final Path file, final long maxClockSkewSeconds)
    {
        final JWK key = jwk(PUBLIC_KEY_SETTING, file, PemFiles.publicKey(PUBLIC_KEY_SETTING, file));
        return new TokenVerifier(Set.of(algorithmOf(key)), new ImmutableJWKSet<>(new JWKSet(key)), maxClockSkewSeconds);
    }

    /** Tokens signed with any of the RSA (RS256) or EC P-256 (ES256) keys of a JWKS file; a token's {@code kid} picks one. */
    public static TokenVerifier jwks(final Path file, final long maxClockSkewSeconds)
    {
        final JWKSet set;
        try
        {
            set = JWKSet.load(file.toFile());
        }
        catch (final IOException | ParseException ex)
        {
            throw new IllegalArgumentException(JWKS_SETTING + "=" + file + ": not a JWKS file (" + ex.getMessage() + ")", ex);
        }
        final Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (final JWK key : set.getKeys())
        {
            if (key.isPrivate())
            {
                throw new IllegalArgumentException(JWKS_SETTING + "=" + file + ": key " + key.getKeyID() +
                    " holds a private part; give the server public keys only");
            }
            algorithms.add(algorithmOf(key));
        }
        if (algorithms.isEmpty())
        {
            throw new IllegalArgumentException(JWKS_SETTING + "=" + file + ": no keys in the set");
        }
        return new TokenVerifier(algorithms, new ImmutableJWKSet<>(set), maxClockSkewSeconds);
    }

    /** The algorithms this verifier accepts. */
    public Set<JWSAlgorithm> algorithms()
    {
        return algorithms;
    }

    /**
     * @return the token's subject, expiry and entitlements.
     * @throws TokenRejectedException with the reason, for a missing, malformed, unsigned, wrongly signed or expired token.
     */
    public AccessToken verify(final String token) throws TokenRejectedException
    {
        if (null == token || token.isBlank())
        {
            throw new TokenRejectedException("no token");
        }
        final JWT parsed;
        try
        {
            parsed = JWTParser.parse(token.strip());
        }
        catch (final ParseException ex)
        {
            throw new TokenRejectedException("not a token (" + ex.getMessage() + ")", ex);
        }
        if (parsed instanceof PlainJWT)
        {
            throw new TokenRejectedException("an unsigned token (alg none) is refused");
        }
        if (!(parsed instanceof SignedJWT signed))
        {
            throw new TokenRejectedException("an encrypted token is not accepted; sign it with " + algorithms);
        }
        final JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (!algorithms.contains(algorithm))
        {
            throw new TokenRejectedException("algorithm " + algorithm + " is not accepted here; this server takes " + algorithms);
        }
        final JWTClaimsSet claims;
        try
        {
            claims = processor.process(signed, null);
        }
        catch (final BadJWSException ex)
        {
            throw new TokenRejectedException("the signature does not verify with the server's key", ex);
        }
        catch (final BadJWTException ex)
        {
            throw new TokenRejectedException(claimsReason(signed, ex), ex);
        }
        catch (final BadJOSEException | JOSEException ex)
        {
            throw new TokenRejectedException(ex.getMessage(), ex);
        }
        try
        {
            return new AccessToken(claims.getSubject(), claims.getExpirationTime().getTime(), EntitlementClaims.read(claims));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TokenRejectedException("entitlements: " + ex.getMessage(), ex);
        }
    }

    private static String claimsReason(final SignedJWT token, final BadJWTException ex)
    {
        try
        {
            final Date expiry = token.getJWTClaimsSet().getExpirationTime();
            if (null != expiry && ex.getMessage().contains("Expired"))
            {
                return "expired at " + expiry.toInstant();
            }
        }
        catch (final ParseException ignored)
        {
            // the processor's reason stands
        }
        return ex.getMessage();
    }

    static byte[] secret(final String setting, final Path file)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(setting + "=" + file + ": cannot be read (" + ex + ")", ex);
        }
        int length = bytes.length;
        while (length > 0 && ('\n' == bytes[length - 1] || '\r' == bytes[length - 1]))
        {
            length--;
        }
        if (length < MIN_SECRET_BYTES)
        {
            throw new IllegalArgumentException(setting + "=" + file + ": the secret is " + length + " bytes; HS256 needs at least " +
                MIN_SECRET_BYTES + " (e.g. openssl rand -base64 48 > " + file.getFileName() + ")");
        }
        return Arrays.copyOf(bytes, length);
    }

    private static JWK jwk(final String setting, final Path file, final PublicKey key)
    {
        if (key instanceof RSAPublicKey rsa)
        {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec)
        {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
        throw new IllegalArgumentException(setting + "=" + file + ": a " + key.getAlgorithm() + " key; use RSA (RS256) or EC P-256 (ES256)");
    }

    private static JWSAlgorithm algorithmOf(final JWK key)
    {
        if (key instanceof RSAKey)
        {
            return JWSAlgorithm.RS256;
        }
        if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()))
        {
            return JWSAlgorithm.ES256;
        }
        throw new IllegalArgumentException("key " + key.getKeyID() + " (" + key.getKeyType() +
            (key instanceof ECKey ec ? " " + ec.getCurve() : "") + "): use RSA (RS256) or EC P-256 (ES256)");
    }
}
