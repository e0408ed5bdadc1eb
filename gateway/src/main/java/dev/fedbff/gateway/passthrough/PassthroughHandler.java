package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.observe.BackendMetrics;

import dev.fedbff.gateway.connect.BackendCaller;
import dev.fedbff.gateway.connect.IdentityHeaders;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.edge.RequestContexts;
import dev.fedbff.gateway.ratelimit.RateLimitDecision;
import dev.fedbff.gateway.ratelimit.RateLimitGate;
import dev.fedbff.gateway.resilience.BackendResilience;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Serves {@code /api/**} and every configured route's path, after the security chain has authenticated the caller.
 * In order: the path must be in normal form (400), match a route (404) with an allowed method (405), the token must
 * carry the route's scopes and roles (403), the rate limit must admit it (429), and a declared body must fit (413);
 * then the {@link Forwarder} answers from the cache or the backend.
 */
public final class PassthroughHandler implements WebHandler {

    private final RouteTable routes;
    private final RateLimitGate rateLimits;
    private final RequestContexts contexts;
    private final Forwarder forwarder;

    PassthroughHandler(RouteTable routes, RateLimitGate rateLimits, RequestContexts contexts, Forwarder forwarder) {
        this.routes = routes;
        this.rateLimits = rateLimits;
        this.contexts = contexts;
        this.forwarder = forwarder;
    }

    public static Builder builder(RouteTable routes) {
        return new Builder(routes);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        String rejection = PathGuard.rejection(path);
        if (rejection != null) {
            return Problem.of(HttpStatus.BAD_REQUEST, "PATH_NOT_NORMALIZED", rejection).write(exchange);
        }
        RouteTable.Match match = routes.match(path, request.getMethod());
        if (match.methodNotAllowed()) {
            exchange.getResponse().getHeaders().setAllow(match.allowedMethods());
            return Problem.of(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", request.getMethod().name()
                    + " is not allowed here; allowed: " + match.allowedMethods()).write(exchange);
        }
        Route route = match.route();
        if (route == null) {
            return Problem.of(HttpStatus.NOT_FOUND, "ROUTE_NOT_FOUND", "no route matches " + path).write(exchange);
        }
        dev.fedbff.gateway.core.RequestLog.of(exchange.getAttributes()).passthrough(route.id());
        return contexts.of(exchange).flatMap(context -> admit(exchange, route, path, context));
    }

    private Mono<Void> admit(ServerWebExchange exchange, Route route, String path, RequestContext context) {
        Problem denied = RouteAccess.deniedBy(route, context.caller());
        if (denied != null) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge(route, denied));
            return denied.write(exchange);
        }
        Forward forward = new Forward(exchange, route, path, context);
        return rateLimits.check(route.rateLimitPolicy(), exchange)
                .defaultIfEmpty(RateLimitDecision.UNLIMITED)
                .flatMap(decision -> limited(forward, decision));
    }

    private Mono<Void> limited(Forward forward, RateLimitDecision decision) {
        ServerWebExchange exchange = forward.exchange();
        Route route = forward.route();
        decision.writeHeaders(exchange.getResponse().getHeaders());
        if (!decision.allowed()) {
            return Problem.of(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "too many requests under the rate-limit policy "
                    + route.rateLimitPolicy() + "; retry after the time in Retry-After").write(exchange);
        }
        if (exchange.getRequest().getHeaders().getContentLength() > route.maxRequestSize()) {
            return Problem.of(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", Forwarder.tooLarge(route).getMessage()).write(exchange);
        }
        return forwarder.forward(forward);
    }

    /** RFC 6750: {@code insufficient_scope} naming the route's scopes for a 403, a bare challenge for a 401. */
    private static String challenge(Route route, Problem denied) {
        if (denied.status() != HttpStatus.FORBIDDEN) {
            return "Bearer";
        }
        return route.scopes().isEmpty() ? "Bearer error=\"insufficient_scope\""
                : "Bearer error=\"insufficient_scope\", scope=\"" + String.join(" ", route.scopes()) + "\"";
    }

    /** The handler's collaborators; {@link #build()} names any that is missing. */
    public static final class Builder {

        private final RouteTable routes;
        private @Nullable BackendCaller backends;
        private @Nullable BackendResilience resilience;
        private RateLimitGate rateLimits = RateLimitGate.UNLIMITED;
        private RequestContexts contexts = RequestContexts.UNLIMITED;
        private @Nullable ResponseCache cache;
        private IdentityHeaders identity = IdentityHeaders.DEFAULT;
        private Set<String> authorizationServices = Set.of();
        private @Nullable BackendMetrics metrics;

        private Builder(RouteTable routes) {
            this.routes = routes;
        }

        /** The one component every backend call goes through, shared with the connectors. */
        public Builder backends(BackendCaller backends) {
            this.backends = backends;
            return this;
        }

        public Builder resilience(BackendResilience resilience) {
            this.resilience = resilience;
            return this;
        }

        public Builder rateLimits(RateLimitGate rateLimits) {
            this.rateLimits = rateLimits;
            return this;
        }

        /** Builds each request's context (the caller, the client); the same as {@code /graphql} uses. */
        public Builder contexts(RequestContexts contexts) {
            this.contexts = contexts;
            return this;
        }

        public Builder cache(ResponseCache cache) {
            this.cache = cache;
            return this;
        }

        /** The header names that carry the verified identity ({@code fedbff.auth.subject-header}, {@code roles-header}). */
        public Builder identity(IdentityHeaders identity) {
            this.identity = identity;
            return this;
        }

        /** Services that receive the client's {@code Authorization} header on every route ({@code fedbff.forward-authorization}). */
        public Builder authorizationServices(Set<String> services) {
            this.authorizationServices = services;
            return this;
        }

        /** Times each backend call as {@code fedbff.backend.fetches} with {@code kind=passthrough}. */
        public Builder metrics(BackendMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        public PassthroughHandler build() {
            List<String> missing = new ArrayList<>();
            if (backends == null) {
                missing.add("backends");
            }
            if (resilience == null) {
                missing.add("resilience");
            }
            if (cache == null) {
                missing.add("cache");
            }
            if (backends == null || resilience == null || cache == null) {
                throw new IllegalStateException("PassthroughHandler needs " + String.join(", ", missing));
            }
            Forwarder forwarder = new Forwarder(new Upstream(backends, resilience, metrics), cache, new ProxyHeaders(identity, authorizationServices));
            return new PassthroughHandler(routes, rateLimits, contexts, forwarder);
        }
    }
}
