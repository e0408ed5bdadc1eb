package dev.fedbff.gateway.auth;

import dev.fedbff.gateway.MutableClock;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;

import static dev.fedbff.gateway.auth.TestKeys.RSA;
import static dev.fedbff.gateway.auth.TestKeys.claims;
import static dev.fedbff.gateway.auth.TestKeys.rs256;
import static org.assertj.core.api.Assertions.assertThat;

/** Keys leave as well as arrive: a key the identity provider withdrew stops working once the fetched set is five minutes old. */
class JwksRenewalIT {

    final JwksServer jwks = new JwksServer(TestKeys.published(RSA));
    final MutableClock clock = new MutableClock(Instant.now());
    final JwtVerifier verifier = JwtVerifier.builder().jwksUri(jwks.uri()).clock(clock).build();

    @AfterEach
    void stop() {
        jwks.close();
    }

    @Test
    void aWithdrawnKeyIsRefusedOnceTheKeySetIsRenewed() {
        RSAKey next = TestKeys.rsa("rsa-next");
        String withOldKey = rs256(RSA, claims(c -> c));
        StepVerifier.create(verifier.decode(withOldKey)).expectNextCount(1).verifyComplete();

        jwks.publish(TestKeys.published(next));
        StepVerifier.create(verifier.decode(withOldKey)).as("still within the time to live: the fetched set is trusted")
                .expectNextCount(1).verifyComplete();
        assertThat(jwks.fetches()).isEqualTo(1);
        clock.advance(JwtVerifier.JWKS_TIME_TO_LIVE);

        StepVerifier.create(verifier.decode(withOldKey)).expectError(BadJwtException.class).verify();
        StepVerifier.create(verifier.decode(rs256(next, claims(c -> c)))).expectNextCount(1).verifyComplete();
    }

}
