package dev.fedbff.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.fedbff.testsupport.TokenIssuer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/** Real keys as an identity provider would publish them (an RSA and an EC key), the shared HS256 secret, and the claims of a good token; signed by {@link TokenIssuer}. */
final class TestKeys {

    static final String ISSUER = "https://id.example.test/";
    static final String AUDIENCE = "fedbff";
    static final String SECRET = "the-shared-hs256-secret-for-tests-0123456789";

    static final RSAKey RSA = rsa("rsa-1");
    static final ECKey EC = ec("ec-1");

    private TestKeys() {
    }

    /** The JWK set the identity provider publishes: public halves only. */
    static JWKSet published(JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet();
    }

    /** Claims of a good token for subject 42, issued five minutes ago and valid for ten more, changed by {@code change}. */
    static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("42").issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now.minus(Duration.ofMinutes(5)))).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("roles", List.of("reader"));
        return change.apply(claims).build();
    }

    static String rs256(RSAKey key, JWTClaimsSet claims) {
        return TokenIssuer.rs256(key).sign(claims);
    }

    static String es256(ECKey key, JWTClaimsSet claims) {
        return TokenIssuer.es256(key).sign(claims);
    }

    static String hs256(byte[] secret, JWTClaimsSet claims) {
        return TokenIssuer.hs256(secret, null).sign(claims);
    }

    static String hs256(JWTClaimsSet claims) {
        return hs256(SECRET.getBytes(StandardCharsets.UTF_8), claims);
    }

    /** HS/RS confusion: an HS256 token whose HMAC key is the RSA public key as the attacker downloaded it from the JWK set. */
    static String hs256WithPublicKey(RSAKey key, JWTClaimsSet claims) {
        try {
            return TokenIssuer.hs256(key.toRSAPublicKey().getEncoded(), key.getKeyID()).sign(claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token: header {@code {"alg":"none"}} and an empty signature. */
    static String unsigned(JWTClaimsSet claims) {
        return new com.nimbusds.jwt.PlainJWT(claims).serialize();
    }

    /** A good token whose payload was swapped for other claims, keeping the original signature. */
    static String tampered(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        String payload = com.nimbusds.jose.util.Base64URL.encode(claims.toString()).toString();
        return parts[0] + "." + payload + "." + parts[2];
    }

    static RSAKey rsa(String kid) {
        return TokenIssuer.rsaKey(kid);
    }

    static ECKey ec(String kid) {
        return TokenIssuer.ecKey(kid);
    }
}
