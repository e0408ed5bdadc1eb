package dev.fedbff.gateway.passthrough;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The configured routes, in configuration order; the first whose path and method match takes the request. */
public final class RouteTable {

    /** What the table says about one request: a route, or why there is none. */
    public record Match(@Nullable Route route, Set<HttpMethod> allowedMethods) {

        /** True when some route matched the path but none accepts the method. */
        public boolean methodNotAllowed() {
            return route == null && !allowedMethods.isEmpty();
        }
    }

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        Set<String> ids = new HashSet<>();
        for (Route route : routes) {
            if (!ids.add(route.id())) {
                throw new IllegalArgumentException("fedbff.routes: two routes have the id " + route.id());
            }
        }
        this.routes = List.copyOf(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    /** The path patterns of routes with {@code auth-required: false}. */
    public List<String> publicPatterns() {
        return routes.stream().filter(route -> !route.authRequired()).map(route -> route.path().getPatternString()).distinct().toList();
    }

    /** The path patterns of every route, for the handler mapping in front of them. */
    public List<String> patterns() {
        return routes.stream().map(route -> route.path().getPatternString()).distinct().toList();
    }

    public Match match(String normalisedPath, HttpMethod method) {
        PathContainer path = PathContainer.parsePath(normalisedPath);
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (!route.path().matches(path)) {
                continue;
            }
            if (route.methods().contains(method)) {
                return new Match(route, route.methods());
            }
            allowed.addAll(route.methods());
        }
        return new Match(null, allowed);
    }
}
