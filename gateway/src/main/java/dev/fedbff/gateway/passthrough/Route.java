package dev.fedbff.gateway.passthrough;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One configured passthrough route ({@code fedbff.routes[n]}): which requests it takes and how they reach the backend.
 * Built with {@link #builder(String)}, which refuses a bad setting at once, naming it.
 *
 * @param id              the route's name in configuration, logs and metrics
 * @param path            the path pattern it matches, e.g. {@code /api/users/**}
 * @param service         the backend's service name: its address, breaker and time limiter
 * @param stripPrefix     how many leading path segments to drop before forwarding ({@code /api/users/42} → {@code /users/42} for 1)
 * @param prefixPath      a path put in front of what is left, e.g. {@code /v1}; empty for none
 * @param methods         the HTTP methods it accepts; others get 405
 * @param authRequired    false lets requests without a token through (the path becomes public)
 * @param scopes          token scopes the caller must all have
 * @param roles           roles of which the caller must have at least one
 * @param rateLimitPolicy the rate-limit policy requests are counted against
 * @param timeout         how long the backend may take to start answering; null leaves it to the service's time limiter
 * @param retry           whether reads (GET, HEAD without a body) may be retried; writes never are
 * @param cacheTtl        how long a GET response stays fresh in the response cache; zero disables caching
 * @param maxRequestSize  the largest request body in bytes; larger ones get 413
 * @param forwardAuthorization whether the client's {@code Authorization} header goes to the backend
 */
public record Route(String id, PathPattern path, String service, int stripPrefix, String prefixPath, Set<HttpMethod> methods,
                    boolean authRequired, Set<String> scopes, Set<String> roles, String rateLimitPolicy, @Nullable Duration timeout,
                    boolean retry, Duration cacheTtl, long maxRequestSize, boolean forwardAuthorization) {

    public Route {
        methods = Set.copyOf(methods);
        scopes = Set.copyOf(scopes);
        roles = Set.copyOf(roles);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public boolean caches() {
        return !cacheTtl.isZero();
    }

    /** The path the backend sees: this route's prefix strip and prefix path applied to a normalised request path. */
    String upstreamPath(String requestPath) {
        String rest = requestPath.substring(strippedLength(requestPath));
        String path = prefixPath + (rest.isEmpty() ? "/" : rest);
        return path.startsWith("/") ? path : "/" + path;
    }

    /** The part of the request path that {@link #upstreamPath} drops: sent to backends as {@code X-Forwarded-Prefix}. */
    String strippedPrefix(String requestPath) {
        return requestPath.substring(0, strippedLength(requestPath));
    }

    private int strippedLength(String requestPath) {
        int from = 0;
        for (int stripped = 0; stripped < stripPrefix && from < requestPath.length(); stripped++) {
            int next = requestPath.indexOf('/', from + 1);
            from = next < 0 ? requestPath.length() : next;
        }
        return from;
    }

    /** Collects a route's settings; {@link #build()} checks them together. */
    public static final class Builder {

        private static final PathPatternParser PARSER = new PathPatternParser();

        private final String id;
        private @Nullable String path;
        private @Nullable String service;
        private int stripPrefix = 1;
        private String prefixPath = "";
        private Set<HttpMethod> methods = Set.of(HttpMethod.GET, HttpMethod.HEAD);
        private boolean authRequired = true;
        private Set<String> scopes = Set.of();
        private Set<String> roles = Set.of();
        private String rateLimitPolicy = "default";
        private @Nullable Duration timeout;
        private boolean retry = true;
        private Duration cacheTtl = Duration.ZERO;
        private long maxRequestSize = 10L * 1024 * 1024;
        private boolean forwardAuthorization;

        private Builder(String id) {
            this.id = id;
        }

        public Builder path(String path) { this.path = path; return this; }
        public Builder service(String service) { this.service = service; return this; }
        public Builder stripPrefix(int segments) { this.stripPrefix = segments; return this; }
        public Builder prefixPath(String prefixPath) { this.prefixPath = prefixPath; return this; }
        public Builder methods(Set<HttpMethod> methods) { this.methods = methods; return this; }
        public Builder authRequired(boolean authRequired) { this.authRequired = authRequired; return this; }
        public Builder scopes(Set<String> scopes) { this.scopes = scopes; return this; }
        public Builder roles(Set<String> roles) { this.roles = roles; return this; }
        public Builder rateLimitPolicy(String policy) { this.rateLimitPolicy = policy; return this; }
        public Builder timeout(@Nullable Duration timeout) { this.timeout = timeout; return this; }
        public Builder retry(boolean retry) { this.retry = retry; return this; }
        public Builder cacheTtl(Duration cacheTtl) { this.cacheTtl = cacheTtl; return this; }
        public Builder maxRequestSize(long bytes) { this.maxRequestSize = bytes; return this; }
        public Builder forwardAuthorization(boolean forward) { this.forwardAuthorization = forward; return this; }

        public Route build() {
            List<String> problems = new ArrayList<>();
            if (id == null || id.isBlank()) {
                problems.add("id must be set");
            }
            if (path == null || !path.startsWith("/")) {
                problems.add("path must be a pattern starting with '/', e.g. /api/users/**");
            }
            if (service == null || service.isBlank()) {
                problems.add("service must name a backend, e.g. users");
            }
            if (stripPrefix < 0) {
                problems.add("strip-prefix must be 0 or more path segments");
            }
            if (!prefixPath.isEmpty() && (!prefixPath.startsWith("/") || prefixPath.endsWith("/"))) {
                problems.add("prefix-path must start with '/' and not end with one, e.g. /v1");
            }
            if (methods.isEmpty()) {
                problems.add("methods must name at least one HTTP method");
            }
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                problems.add("timeout must be positive");
            }
            if (cacheTtl.isNegative()) {
                problems.add("cache-ttl must be zero (no caching) or positive");
            }
            if (maxRequestSize < 0) {
                problems.add("max-request-size must not be negative");
            }
            if (rateLimitPolicy.isBlank()) {
                problems.add("rate-limit-policy must not be blank");
            }
            PathPattern pattern = problems.isEmpty() ? parse(problems) : null;
            if (!problems.isEmpty() || pattern == null) {
                throw new IllegalArgumentException("fedbff.routes[" + id + "]: " + String.join("; ", problems));
            }
            return new Route(id, pattern, service, stripPrefix, prefixPath, new LinkedHashSet<>(methods), authRequired, scopes, roles,
                    rateLimitPolicy, timeout, retry, cacheTtl, maxRequestSize, forwardAuthorization);
        }

        private @Nullable PathPattern parse(List<String> problems) {
            try {
                return PARSER.parse(path);
            } catch (PatternParseException e) {
                problems.add("path " + path + " is not a valid pattern: " + e.getMessage());
                return null;
            }
        }
    }
}
