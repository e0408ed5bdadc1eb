package dev.fedbff.gateway.passthrough;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Real HS256 tokens signed with the secret the test gateways are configured with. */
final class Tokens {

    static final String SECRET = "passthrough-integration-test-secret-0123456789";

    private Tokens() {
    }

    /** A token for {@code subject} valid for ten minutes, with extra claims such as {@code scope} or {@code roles}. */
    static String of(String subject, Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static String of(String subject) {
        return of(subject, Map.of());
    }
}
