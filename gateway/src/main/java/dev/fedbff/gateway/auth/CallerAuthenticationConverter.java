package dev.fedbff.gateway.auth;

import dev.fedbff.gateway.core.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a verified token into the caller, once per request: the subject is {@code sub}; the roles are exactly those
 * found in the configured claim ({@code fedbff.auth.roles-claim}), so {@code roles: [admin]} and
 * {@code scope: "orders:read profile"} both work and backends receive these roles and nothing else in the roles
 * header; the scopes are the OAuth {@code scope} and {@code scp} claims. A string claim of roles is split at spaces and
 * commas, of scopes at spaces (RFC 6749: a scope may hold a comma); a list is taken element by element. The roles
 * claim is looked up as written first (Auth0's {@code https://example.com/roles}); failing that, a dotted name walks
 * nested objects (Keycloak's {@code realm_access.roles}).
 *
 * <p>The result is a {@link CallerToken}: Spring Security's authentication carrying the {@link Caller} that
 * {@link Callers#of} hands to both surfaces.
 */
public final class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final List<String> SCOPE_CLAIMS = List.of("scope", "scp");

    private final String rolesClaim;

    public CallerAuthenticationConverter(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    /**
     * @throws BadJwtException (a 401) when the subject or a role holds a control character: they travel to backends in
     *                         headers, where a CR or LF would start a header of the token holder's choosing
     */
    @Override
    public CallerToken convert(Jwt jwt) {
        List<String> roles = roles(jwt);
        if (hasControlCharacter(jwt.getSubject()) || roles.stream().anyMatch(CallerAuthenticationConverter::hasControlCharacter)) {
            throw new BadJwtException("the token's sub or " + rolesClaim + " claim holds a control character");
        }
        Caller caller = new Caller(jwt.getSubject(), roles, jwt.getTokenValue(), scopes(jwt));
        List<GrantedAuthority> authorities = roles.stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
        return new CallerToken(jwt, authorities, caller);
    }

    private static boolean hasControlCharacter(@Nullable String text) {
        return text != null && text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** The roles of the token, in the order the claim lists them, without repeats. */
    List<String> roles(Jwt jwt) {
        return split(rolesClaim(jwt), "[\\s,]+").distinct().toList();
    }

    /** The token's OAuth scopes: {@code scope} as a space-separated string, or {@code scp} as a list or string. */
    private static Set<String> scopes(Jwt jwt) {
        Set<String> scopes = new LinkedHashSet<>();
        SCOPE_CLAIMS.forEach(name -> split(jwt.getClaim(name), "\\s+").forEach(scopes::add));
        return Set.copyOf(scopes);
    }

    /** The roles claim as written, else the dotted name walked through nested objects; null when neither is there. */
    private @Nullable Object rolesClaim(Jwt jwt) {
        Object value = jwt.getClaim(rolesClaim);
        if (value != null || rolesClaim.indexOf('.') < 0) {
            return value;
        }
        String[] names = rolesClaim.split("\\.");
        Object node = names.length == 0 ? null : jwt.getClaim(names[0]);
        for (int i = 1; i < names.length; i++) {
            if (!(node instanceof Map<?, ?> object)) {
                return null;
            }
            node = object.get(names[i]);
        }
        return node;
    }

    private static Stream<String> split(@Nullable Object value, String separators) {
        if (value instanceof String text) {
            return Arrays.stream(text.split(separators)).filter(item -> !item.isEmpty());
        }
        if (value instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).map(String::strip).filter(item -> !item.isEmpty());
        }
        return Stream.of();
    }
}
