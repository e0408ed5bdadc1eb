package dev.fedbff.gateway.config;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.fedbff.gateway.connect.BackendCaller;
import dev.fedbff.gateway.connect.IdentityHeaders;
import dev.fedbff.gateway.edge.RequestContexts;
import dev.fedbff.gateway.passthrough.PassthroughHandler;
import dev.fedbff.gateway.passthrough.PathRejections;
import dev.fedbff.gateway.passthrough.PublicPaths;
import dev.fedbff.gateway.passthrough.ResponseCache;
import dev.fedbff.gateway.passthrough.Route;
import dev.fedbff.gateway.passthrough.RouteTable;
import dev.fedbff.gateway.ratelimit.RateLimitGate;
import dev.fedbff.gateway.resilience.BackendResilience;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * REST passthrough as beans: the route table from {@code fedbff.routes}, the response cache from
 * {@code fedbff.response-cache}, the handler on {@code /api/**} and every route's path (after the application's own endpoints),
 * and the public paths of routes that need no token, which the security chain reads.
 */
@AutoConfiguration(after = GatewayAutoConfiguration.class)
@EnableConfigurationProperties(PassthroughProperties.class)
public class PassthroughAutoConfiguration {

    /**
     * After router functions (-1) and annotated controllers (0): an endpoint a BFF defines itself under {@code /api}
     * wins over the passthrough, which answers the rest of {@code /api/**} (404 problem+json when no route matches).
     */
    private static final int MAPPING_ORDER = 1;

    @Bean
    RouteTable fedbffRoutes(PassthroughProperties properties) {
        List<Route> routes = properties.routes().stream().map(PassthroughAutoConfiguration::route).toList();
        try {
            return new RouteTable(routes);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("fedbff.routes", "(routes)", e.getMessage());
        }
    }

    @Bean
    PublicPaths fedbffRoutePublicPaths(RouteTable fedbffRoutes) {
        return new PublicPaths(fedbffRoutes.publicPatterns());
    }

    @Bean
    @ConditionalOnMissingBean
    ResponseCache fedbffResponseCache(PassthroughProperties properties, ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters,
                                      ObjectProvider<Ticker> ticker) {
        PassthroughProperties.ResponseCache cache = properties.responseCache();
        try {
            ResponseCache responses = new ResponseCache(cache.maximumSize().toBytes(), cache.maxBodySize().toBytes(), cache.maxStale(), ticker.getIfUnique(Ticker::systemTicker));
            responses.monitor(ObservabilityConfiguration.registry(meters));
            return responses;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("fedbff.response-cache", cache, e.getMessage());
        }
    }

    @Bean
    PassthroughHandler fedbffPassthroughHandler(RouteTable fedbffRoutes, ResponseCache fedbffResponseCache, BackendCaller fedbffBackendCaller,
                                                BackendResilience resilience, ObjectProvider<RateLimitGate> rateLimits,
                                                RequestContexts fedbffRequestContexts, GatewayProperties properties,
                                                dev.fedbff.gateway.observe.BackendMetrics fedbffBackendMetrics) {
        return PassthroughHandler.builder(fedbffRoutes)
                .backends(fedbffBackendCaller)
                .resilience(resilience)
                .rateLimits(rateLimits.getIfAvailable(() -> RateLimitGate.UNLIMITED))
                .contexts(fedbffRequestContexts)
                .cache(fedbffResponseCache)
                .identity(new IdentityHeaders(properties.auth().subjectHeader(), properties.auth().rolesHeader()))
                .authorizationServices(Set.copyOf(properties.forwardAuthorization()))
                .metrics(fedbffBackendMetrics)
                .build();
    }

    @Bean
    SimpleUrlHandlerMapping fedbffPassthroughMapping(RouteTable fedbffRoutes, PassthroughHandler fedbffPassthroughHandler) {
        Map<String, PassthroughHandler> paths = new LinkedHashMap<>();
        paths.put("/api/**", fedbffPassthroughHandler);
        fedbffRoutes.patterns().forEach(pattern -> paths.put(pattern, fedbffPassthroughHandler));
        return new SimpleUrlHandlerMapping(paths, MAPPING_ORDER);
    }

    @Bean
    @ConditionalOnMissingBean
    ServerExchangeRejectedHandler fedbffPathRejections() {
        return new PathRejections();
    }

    private static Route route(PassthroughProperties.RouteSettings settings) {
        try {
            return Route.builder(settings.id())
                    .path(settings.path())
                    .service(settings.service())
                    .stripPrefix(settings.stripPrefix())
                    .prefixPath(settings.prefixPath())
                    .methods(methods(settings.methods()))
                    .authRequired(settings.authRequired())
                    .scopes(Set.copyOf(settings.scopes()))
                    .roles(Set.copyOf(settings.roles()))
                    .rateLimitPolicy(settings.rateLimitPolicy())
                    .timeout(settings.timeout())
                    .retry(settings.retry())
                    .cacheTtl(settings.cacheTtl())
                    .maxRequestSize(settings.maxRequestSize().toBytes())
                    .forwardAuthorization(settings.forwardAuthorization())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("fedbff.routes", settings.id(), e.getMessage());
        }
    }

    private static Set<HttpMethod> methods(List<String> names) {
        Set<HttpMethod> methods = new LinkedHashSet<>();
        names.forEach(name -> methods.add(HttpMethod.valueOf(name.trim().toUpperCase(Locale.ROOT))));
        return methods;
    }
}
