package dev.fedbff.gateway.auth;

import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a verified token into the caller's authentication: the name is {@code sub}, and the authorities are exactly
 * the roles found in one claim, each under its own name, so {@code roles: [admin]} and
 * {@code scope: "orders:read profile"} both work and backends receive these roles and nothing else in the roles
 * header. A string claim is split at spaces and commas, a list is taken element by element. The claim name is
 * looked up as written first (Auth0's {@code https://example.com/roles}); failing that, a dotted name walks nested
 * objects (Keycloak's {@code realm_access.roles}).
 */
public final class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesClaim;

    public CallerAuthenticationConverter(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    /**
     * @throws BadJwtException (a 401) when the subject or a role holds a control character: they travel to backends in
     *                         headers, where a CR or LF would start a header of the token holder's choosing
     */
    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> roles = roles(jwt);
        if (hasControlCharacter(jwt.getSubject()) || roles.stream().anyMatch(role -> hasControlCharacter(role.getAuthority()))) {
            throw new BadJwtException("the token's sub or " + rolesClaim + " claim holds a control character");
        }
        return new JwtAuthenticationToken(jwt, roles, jwt.getSubject());
    }

    private static boolean hasControlCharacter(@Nullable String text) {
        return text != null && text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** The roles of the token, in the order the claim lists them, without repeats. */
    public List<GrantedAuthority> roles(Jwt jwt) {
        return split(claim(jwt.getClaims())).distinct().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    }

    private @Nullable Object claim(Map<String, Object> claims) {
        Object value = claims.get(rolesClaim);
        if (value != null || rolesClaim.indexOf('.') < 0) {
            return value;
        }
        Object node = claims;
        for (String name : rolesClaim.split("\\.")) {
            if (!(node instanceof Map<?, ?> object)) {
                return null;
            }
            node = object.get(name);
        }
        return node;
    }

    private static Stream<String> split(@Nullable Object value) {
        if (value instanceof String text) {
            return Arrays.stream(text.split("[\\s,]+")).filter(role -> !role.isEmpty());
        }
        if (value instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).map(String::strip).filter(role -> !role.isEmpty());
        }
        return Stream.of();
    }
}
