package dev.fedbff.gateway.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * The REST passthrough routes ({@code fedbff.routes}) and the response cache of their GETs ({@code fedbff.response-cache}).
 * Names match {@link dev.fedbff.gateway.passthrough.Route}.
 *
 * @param routes        the REST passthrough routes, tried in order: the first whose path and method match serves the request
 * @param responseCache the cache of GET answers of routes with a {@code cache-ttl}
 */
@ConfigurationProperties("fedbff")
public record PassthroughProperties(List<RouteSettings> routes, @DefaultValue ResponseCache responseCache) {

    public PassthroughProperties {
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /**
     * One route; see {@link dev.fedbff.gateway.passthrough.Route} for what each setting does.
     *
     * @param id                   the route's name in logs and problem details
     * @param path                 the path pattern, e.g. {@code /api/users/**}
     * @param service              the backend's service name ({@code fedbff.services.<name>}, breaker {@code <name>})
     * @param stripPrefix          leading path segments dropped before forwarding
     * @param prefixPath           a path put in front of the rest, e.g. {@code /v1}
     * @param methods              accepted HTTP methods
     * @param authRequired         false makes the path public (no token needed)
     * @param scopes               token scopes the caller must all have
     * @param roles                roles of which the caller must have one
     * @param rateLimitPolicy      the {@code fedbff.rate-limit} policy requests count against
     * @param timeout              how long the backend may take to start answering; unset leaves it to the service's time limiter
     * @param retry                whether reads may be retried (writes never are)
     * @param cacheTtl             how long GET answers stay fresh in the response cache; 0 disables it
     * @param maxRequestSize       the largest request body; larger ones get 413
     * @param forwardAuthorization whether the client's {@code Authorization} header goes to the backend
     */
    public record RouteSettings(String id, String path, String service, @DefaultValue("1") int stripPrefix, @DefaultValue("") String prefixPath,
                                @DefaultValue({"GET", "HEAD"}) List<String> methods, @DefaultValue("true") boolean authRequired,
                                List<String> scopes, List<String> roles, @DefaultValue("default") String rateLimitPolicy,
                                @Nullable Duration timeout, @DefaultValue("true") boolean retry, @DefaultValue("0s") Duration cacheTtl,
                                @DefaultValue("10MB") DataSize maxRequestSize, @DefaultValue("false") boolean forwardAuthorization) {

        public RouteSettings {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /**
     * @param maximumSize total size of the cached responses
     * @param maxBodySize the largest body cached; larger responses stream through uncached
     * @param maxStale    how long after it stops being fresh an entry may still be served, marked {@code X-Cache: STALE},
     *                    while its backend fails
     */
    public record ResponseCache(@DefaultValue("64MB") DataSize maximumSize, @DefaultValue("1MB") DataSize maxBodySize,
                                @DefaultValue("5m") Duration maxStale) {
    }
}
