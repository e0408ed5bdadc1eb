package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.core.RequestContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * One request that passed the route's checks, on its way to the backend: the typed context the forwarding steps share.
 *
 * @param path the normalised request path, e.g. {@code /api/users/42}
 */
record Forward(ServerWebExchange exchange, Route route, String path, RequestContext context) {

    Caller caller() {
        return context.caller();
    }

    /** The backend path with the client's query, still percent-encoded: {@code /users/42?x=1}. */
    String target() {
        String query = exchange.getRequest().getURI().getRawQuery();
        return route.upstreamPath(path) + (query == null ? "" : "?" + query);
    }

    /** A GET or HEAD on a route with a cache TTL: answered from or through the response cache. */
    boolean cacheable() {
        HttpMethod method = exchange.getRequest().getMethod();
        return route.caches() && (method == HttpMethod.GET || method == HttpMethod.HEAD);
    }

    CacheKey cacheKey() {
        return new CacheKey(route.id(), target(), caller().anonymous() ? "" : caller().subject());
    }
}
