package dev.fedbff.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * The one place tests sign tokens: real JWS signatures (HS256 with a shared secret, RS256 and ES256 with generated
 * keys) over the claims a test asks for. A token the gateway should accept comes from {@link #token}; a token that is
 * wrong in a way a JWT library refuses to build (a missing {@code alg}, a swapped payload) is put together by the test
 * from the header and payload it means, and signed with {@link #sign(JWSHeader, Payload)}.
 */
public final class TokenIssuer {

    private final JWSAlgorithm algorithm;
    private final String keyId;
    private final JWSSigner signer;

    private TokenIssuer(JWSAlgorithm algorithm, String keyId, JWSSigner signer) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.signer = signer;
    }

    /** Signs HS256 with {@code secret}, as a BFF configured with {@code fedbff.auth.hs256-secret} verifies it. */
    public static TokenIssuer hs256(String secret) {
        return hs256(secret.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Signs HS256 with {@code key} bytes, naming {@code keyId} (or none) in the header. */
    public static TokenIssuer hs256(byte[] key, String keyId) {
        return new TokenIssuer(JWSAlgorithm.HS256, keyId, signer(() -> new MACSigner(key)));
    }

    /** Signs RS256 with {@code key}, naming its key id, as an identity provider publishing the key's JWK set does. */
    public static TokenIssuer rs256(RSAKey key) {
        return new TokenIssuer(JWSAlgorithm.RS256, key.getKeyID(), signer(() -> new RSASSASigner(key)));
    }

    /** Signs ES256 with {@code key}, naming its key id. */
    public static TokenIssuer es256(ECKey key) {
        return new TokenIssuer(JWSAlgorithm.ES256, key.getKeyID(), signer(() -> new ECDSASigner(key)));
    }

    /** A fresh 2048-bit RSA key with key id {@code kid}. */
    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh P-256 EC key with key id {@code kid}. */
    public static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for {@code subject}, issued now and valid for an hour. */
    public String token(String subject) {
        return token(subject, Map.of());
    }

    /** A token for {@code subject}, issued now and valid for an hour, with extra claims such as {@code scope} or {@code roles}. */
    public String token(String subject, Map<String, ?> claims) {
        return token(subject, Instant.now().plus(Duration.ofHours(1)), claims);
    }

    /** A token for {@code subject}, issued now and expiring at {@code expiry} (in the past for an expired token). */
    public String token(String subject, Instant expiry, Map<String, ?> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject)
                .issueTime(Date.from(Instant.now())).expirationTime(Date.from(expiry));
        claims.forEach(builder::claim);
        return sign(builder.build());
    }

    /** These exact claims, signed. */
    public String sign(JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(algorithm).keyID(keyId).build(), new Payload(claims.toJSONObject()));
    }

    /** This exact header and payload, signed with this issuer's key (the header names an algorithm the key signs with). */
    public String sign(JWSHeader header, Payload payload) {
        try {
            JWSObject jws = new JWSObject(header, payload);
            jws.sign(signer);
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign " + header + ": " + e.getMessage(), e);
        }
    }

    private interface SignerSource {
        JWSSigner get() throws JOSEException;
    }

    private static JWSSigner signer(SignerSource source) {
        try {
            return source.get();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
