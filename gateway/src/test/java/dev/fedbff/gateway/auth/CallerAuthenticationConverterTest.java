package dev.fedbff.gateway.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which roles a token gives its caller, for the claim shapes identity providers use. */
class CallerAuthenticationConverterTest {

    static Stream<Arguments> claims() {
        return Stream.of(
                Arguments.of("roles", Map.of("roles", List.of("admin", "support")), List.of("admin", "support")),
                Arguments.of("scope", Map.of("scope", "profile orders:read  payments"), List.of("profile", "orders:read", "payments")),
                Arguments.of("roles", Map.of("roles", "admin,support, admin"), List.of("admin", "support")),
                Arguments.of("realm_access.roles", Map.of("realm_access", Map.of("roles", List.of("offline_access", "admin"))),
                        List.of("offline_access", "admin")),
                Arguments.of("https://fedbff.dev/roles", Map.of("https://fedbff.dev/roles", List.of("admin")), List.of("admin")),
                Arguments.of("roles", Map.of("scope", "profile"), List.of()),
                Arguments.of("realm_access.roles", Map.of("realm_access", "not an object"), List.of()),
                Arguments.of("roles", Map.of("roles", List.of("admin", 7, " ")), List.of("admin")));
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @MethodSource("claims")
    void theRolesClaimBecomesTheAuthoritiesAndNothingElse(String rolesClaim, Map<String, Object> claims, List<String> roles) {
        AbstractAuthenticationToken authentication = new CallerAuthenticationConverter(rolesClaim).convert(jwt(claims));

        assertThat(authentication.getName()).isEqualTo("42");
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactlyElementsOf(roles);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerInjections")
    void aSubjectOrRoleThatWouldSplitABackendHeaderIsRefused(String name, Map<String, Object> claims) {
        assertThatThrownBy(() -> new CallerAuthenticationConverter("roles").convert(jwt(claims)))
                .isInstanceOf(BadJwtException.class).hasMessageContaining("control character");
    }

    static Stream<Arguments> headerInjections() {
        return Stream.of(
                Arguments.of("CRLF in sub", Map.of("sub", "42\r\nX-Admin: true")),
                Arguments.of("LF in a role", Map.of("roles", List.of("customer\nX-User-Id: 1"))),
                Arguments.of("NUL in sub", Map.of("sub", "42\u0000")));
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("token").header("alg", "HS256").subject("42").claims(all -> all.putAll(claims))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }
}
