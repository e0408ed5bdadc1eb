package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.connect.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.security.Principal;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verified caller of one request and what its token grants. Scopes come from the token's {@code scope} or
 * {@code scp} claim (and Spring's {@code SCOPE_x} authorities); roles from the token's {@code roles} claim and from
 * the authorities the security chain derived (its {@code fedbff.auth.roles-claim}), with any {@code ROLE_} prefix dropped.
 */
record RouteAccess(Caller caller, Set<String> scopes, Set<String> roles) {

    static final RouteAccess ANONYMOUS = new RouteAccess(Caller.ANONYMOUS, Set.of(), Set.of());

    static RouteAccess of(Principal principal) {
        if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return ANONYMOUS;
        }
        List<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        Set<String> scopes = new LinkedHashSet<>();
        Set<String> roles = new LinkedHashSet<>();
        for (String authority : authorities) {
            if (authority.startsWith("SCOPE_")) {
                scopes.add(authority.substring("SCOPE_".length()));
            } else {
                roles.add(authority.startsWith("ROLE_") ? authority.substring("ROLE_".length()) : authority);
            }
        }
        if (authentication instanceof JwtAuthenticationToken jwt) {
            Map<String, Object> claims = jwt.getToken().getClaims();
            scopes.addAll(claimValues(claims.get("scope")));
            scopes.addAll(claimValues(claims.get("scp")));
            roles.addAll(claimValues(claims.get("roles")));
        }
        return new RouteAccess(new Caller(authentication.getName(), authorities), scopes, roles);
    }

    /** Why this caller may not use the route, or null when it may: every listed scope and at least one listed role. */
    @Nullable Problem deniedBy(Route route) {
        if (route.authRequired() && caller.anonymous()) {
            return Problem.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "this route needs a bearer token (Authorization: Bearer <JWT>)");
        }
        Set<String> missing = new LinkedHashSet<>(route.scopes());
        missing.removeAll(scopes);
        if (!missing.isEmpty()) {
            return Problem.of(HttpStatus.FORBIDDEN, "INSUFFICIENT_SCOPE", "the token lacks the scope " + String.join(" ", missing)
                    + " that route " + route.id() + " needs");
        }
        if (!route.roles().isEmpty() && route.roles().stream().noneMatch(roles::contains)) {
            return Problem.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "route " + route.id() + " needs one of the roles "
                    + String.join(", ", route.roles()));
        }
        return null;
    }

    private static Set<String> claimValues(@Nullable Object claim) {
        if (claim instanceof Collection<?> values) {
            Set<String> out = new LinkedHashSet<>();
            values.forEach(value -> out.add(String.valueOf(value)));
            return out;
        }
        if (claim instanceof String text) {
            return new LinkedHashSet<>(Arrays.stream(text.split("[ ,]+")).filter(s -> !s.isEmpty()).toList());
        }
        return Set.of();
    }
}
