package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.core.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashSet;
import java.util.Set;

/** Whether a caller may use a route: a token when the route needs one, every listed scope, and one listed role. */
final class RouteAccess {

    private RouteAccess() {
    }

    /** Why {@code caller} may not use the route, or null when it may. */
    static @Nullable Problem deniedBy(Route route, Caller caller) {
        if (route.authRequired() && caller.anonymous()) {
            return Problem.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "this route needs a bearer token (Authorization: Bearer <JWT>)");
        }
        Set<String> missing = new LinkedHashSet<>(route.scopes());
        missing.removeAll(caller.scopes());
        if (!missing.isEmpty()) {
            return Problem.of(HttpStatus.FORBIDDEN, "INSUFFICIENT_SCOPE", "the token lacks the scope " + String.join(" ", missing)
                    + " that route " + route.id() + " needs");
        }
        if (!route.roles().isEmpty() && route.roles().stream().noneMatch(caller.roles()::contains)) {
            return Problem.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "route " + route.id() + " needs one of the roles "
                    + String.join(", ", route.roles()));
        }
        return null;
    }
}
