package dev.fedbff.gateway.auth;

import dev.fedbff.gateway.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import reactor.test.StepVerifier;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.fedbff.gateway.auth.TestKeys.RSA;
import static dev.fedbff.gateway.auth.TestKeys.SECRET;
import static dev.fedbff.gateway.auth.TestKeys.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code fedbff.auth} settings a verifier accepts or refuses at start-up, and what it checks without a key server. */
class JwtVerifierTest {

    /** Never contacted: every token here is refused or accepted before a key is fetched. */
    static final URI JWKS = URI.create("http://127.0.0.1:9/jwks.json");

    static Stream<Arguments> refusedSettings() {
        return Stream.of(
                refused("neither a secret nor a JWKS URL", b -> b, "fedbff.auth.hs256-secret", "(not set)",
                        "set fedbff.auth.hs256-secret", "or fedbff.auth.jwks-uri"),
                refused("a blank secret counts as not set", b -> b.hs256Secret("  "), "fedbff.auth.hs256-secret", "(not set)", "no key"),
                refused("a secret under 32 bytes", b -> b.hs256Secret("short"), "fedbff.auth.hs256-secret", "(too short)",
                        "HS256 needs a shared secret of at least 32 bytes", "FEDBFF_AUTH_HS256_SECRET"),
                refused("HS512 with a 32-byte secret", b -> b.hs256Secret("x".repeat(32)).algorithms(List.of("HS512")),
                        "fedbff.auth.hs256-secret", "(too short)", "at least 64 bytes"),
                refused("alg none on the allow-list", b -> b.hs256Secret(SECRET).algorithms(List.of("HS256", "none")),
                        "fedbff.auth.algorithms", "none", "never accepted"),
                refused("an unknown algorithm", b -> b.jwksUri(JWKS).algorithms(List.of("RS257")), "fedbff.auth.algorithms", "RS257", "not a JWS algorithm"),
                refused("HS256 without a secret", b -> b.jwksUri(JWKS).algorithms(List.of("RS256", "HS256")),
                        "fedbff.auth.algorithms", "HS256", "HS256 needs fedbff.auth.hs256-secret"),
                refused("RS256 without a JWKS URL", b -> b.hs256Secret(SECRET).algorithms(List.of("HS256", "RS256")),
                        "fedbff.auth.algorithms", "RS256", "RS256 needs fedbff.auth.jwks-uri"),
                refused("a secret no allowed algorithm uses", b -> b.hs256Secret(SECRET).jwksUri(JWKS).algorithms(List.of("RS256")),
                        "fedbff.auth.algorithms", "[RS256]", "hs256-secret is set but no HS algorithm is allowed"),
                refused("a JWKS URL no allowed algorithm uses", b -> b.hs256Secret(SECRET).jwksUri(JWKS).algorithms(List.of("HS256")),
                        "fedbff.auth.algorithms", "[HS256]", "jwks-uri is set but no RS, ES or PS algorithm is allowed"),
                refused("a relative JWKS URL", b -> b.jwksUri(URI.create("/jwks.json")), "fedbff.auth.jwks-uri", "/jwks.json", "absolute http(s) URL"),
                refused("a negative clock skew", b -> b.hs256Secret(SECRET).clockSkew(Duration.ofSeconds(-1)),
                        "fedbff.auth.clock-skew", "PT-1S", "cannot be negative"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedSettings")
    void badSettingsAreRefusedNamingTheSetting(String description, UnaryOperator<JwtVerifier.Builder> settings, String setting, String value,
                                               List<String> reason) {
        assertThatThrownBy(() -> settings.apply(JwtVerifier.builder()).build())
                .isInstanceOfSatisfying(InvalidAuthSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo(setting);
                    assertThat(e.value()).isEqualTo(value);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @Test
    void theAlgorithmsFollowTheKeysWhenNotListed() {
        assertThat(JwtVerifier.builder().hs256Secret(SECRET).build().algorithms()).containsExactlyInAnyOrder("HS256");
        assertThat(JwtVerifier.builder().jwksUri(JWKS).build().algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
        assertThat(JwtVerifier.builder().hs256Secret(SECRET).jwksUri(JWKS).build().algorithms()).containsExactlyInAnyOrder("HS256", "RS256", "ES256");
        assertThat(JwtVerifier.builder().jwksUri(JWKS).algorithms(List.of("ps256", "ES384")).build().algorithms())
                .containsExactlyInAnyOrder("PS256", "ES384");
    }

    @Test
    void withOnlyAJwksUrlAnHs256TokenIsRefusedBeforeAnyKeyIsTried() {
        JwtVerifier verifier = JwtVerifier.builder().jwksUri(JWKS).build();

        StepVerifier.create(verifier.decode(TestKeys.hs256WithPublicKey(RSA, claims(c -> c))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadJwtException.class).hasMessage("tokens signed with HS256 are not accepted"))
                .verify();
    }

    @Test
    void anUnsignedTokenIsRefused() {
        JwtVerifier verifier = JwtVerifier.builder().hs256Secret(SECRET).jwksUri(JWKS).build();

        StepVerifier.create(verifier.decode(TestKeys.unsigned(claims(c -> c))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadJwtException.class).hasMessageContaining("alg none"))
                .verify();
    }

    @Test
    void expiryIsCheckedAgainstTheInjectedClockWithTheSkew() {
        Instant expiry = Instant.parse("2030-01-01T12:00:00Z");
        String token = TestKeys.hs256(claims(c -> c.issueTime(Date.from(expiry.minusSeconds(3600))).expirationTime(Date.from(expiry))));

        assertThat(decode(token, expiry.plusSeconds(29))).isNotNull();
        StepVerifier.create(verifier(expiry.plusSeconds(31)).decode(token))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(JwtValidationException.class).hasMessageContaining("expired"))
                .verify();
    }

    @Test
    void aTokenIsVerifiedOnceAndAnsweredFromTheCacheUntilItExpires() {
        Instant expiry = Instant.parse("2030-01-01T12:00:00Z");
        MutableClock clock = new MutableClock(expiry.minusSeconds(60));
        JwtVerifier verifier = JwtVerifier.builder().hs256Secret(SECRET).issuer(TestKeys.ISSUER).audiences(List.of(TestKeys.AUDIENCE))
                .clockSkew(Duration.ofSeconds(30)).clock(clock).build();
        String token = TestKeys.hs256(claims(c -> c.issueTime(Date.from(expiry.minusSeconds(3600))).expirationTime(Date.from(expiry))));

        Jwt first = verifier.decode(token).block();
        assertThat(verifier.decode(token).block()).as("the verified token, from the cache").isSameAs(first);
        clock.advance(Duration.ofSeconds(89));
        assertThat(verifier.decode(token).block()).as("within the skew").isSameAs(first);

        clock.advance(Duration.ofSeconds(2));
        StepVerifier.create(verifier.decode(token)).as("expired: never answered from the cache")
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(JwtValidationException.class).hasMessageContaining("expired"))
                .verify();
    }

    @Test
    void aRefusedTokenIsCheckedInFullEveryTime() {
        JwtVerifier verifier = verifier(Instant.now());
        String good = TestKeys.hs256(claims(c -> c));
        String tampered = TestKeys.tampered(good, claims(c -> c.subject("43")));

        assertThat(verifier.decode(good).block()).isNotNull();
        for (int i = 0; i < 2; i++) {
            StepVerifier.create(verifier.decode(tampered)).expectError(BadJwtException.class).verify();
        }
    }

    @Test
    void theSubjectRolesAndClaimsComeThroughUnchanged() {
        Jwt jwt = decode(TestKeys.hs256(claims(c -> c.claim("roles", List.of("admin")))), Instant.now());

        assertThat(jwt.getSubject()).isEqualTo("42");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("admin");
    }

    private static Jwt decode(String token, Instant now) {
        return verifier(now).decode(token).block();
    }

    private static JwtVerifier verifier(Instant now) {
        return JwtVerifier.builder().hs256Secret(SECRET).issuer(TestKeys.ISSUER).audiences(List.of(TestKeys.AUDIENCE))
                .clockSkew(Duration.ofSeconds(30)).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    private static Arguments refused(String description, UnaryOperator<JwtVerifier.Builder> settings, String setting, String value, String... reason) {
        return Arguments.of(description, settings, setting, value, List.of(reason));
    }
}
