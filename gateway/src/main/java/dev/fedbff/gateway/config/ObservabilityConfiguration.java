package dev.fedbff.gateway.config;

import dev.fedbff.gateway.connect.ServiceLocator;
import dev.fedbff.gateway.core.RequestTracing;
import dev.fedbff.gateway.edge.GraphQLGateway;
import dev.fedbff.gateway.observe.BackendMetrics;
import dev.fedbff.gateway.observe.MicrometerRequestTracing;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import dev.fedbff.gateway.observe.RequestObserver;
import dev.fedbff.gateway.passthrough.RouteTable;
import dev.fedbff.gateway.resilience.BackendResilience;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.function.Predicate;

/**
 * Metrics, request ids and the access log as beans: the {@link RequestObserver} filter, the backend fetch timer, and
 * Resilience4j's own metrics (breaker state and transitions, retries, bulkheads, time limiters) bound to the same
 * registry as everything else. Without an application registry the global one is used.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class ObservabilityConfiguration {

    static MeterRegistry registry(ObjectProvider<MeterRegistry> registries) {
        return registries.getIfUnique(() -> Metrics.globalRegistry);
    }

    /** Spans over Micrometer Tracing when Spring Boot set a tracer up (the OpenTelemetry bridge), none otherwise. */
    @Bean
    RequestTracing fedbffRequestTracing(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        Tracer tracer = tracers.getIfUnique();
        Propagator propagator = propagators.getIfUnique();
        return tracer == null || propagator == null ? RequestTracing.NONE : new MicrometerRequestTracing(tracer, propagator);
    }

    @Bean
    RequestObserver fedbffRequestObserver(ObjectProvider<MeterRegistry> registries, MetricsProperties properties, RequestTracing fedbffRequestTracing,
                                          ObjectProvider<RouteTable> routes) {
        return new RequestObserver(registry(registries), properties.slo(), properties.maxOperationNames(), fedbffRequestTracing,
                passthroughPaths(routes.getIfAvailable(() -> new RouteTable(java.util.List.of()))));
    }

    /** {@code /api/**} and every route's path, as the passthrough's handler mapping serves them; a prefix test for {@code /api}. */
    static Predicate<String> passthroughPaths(RouteTable routes) {
        List<PathPattern> others = routes.patterns().stream().filter(pattern -> !pattern.startsWith("/api/"))
                .map(PathPatternParser.defaultInstance::parse).toList();
        return path -> path.startsWith("/api/") || path.equals("/api")
                || !others.isEmpty() && others.stream().anyMatch(pattern -> pattern.matches(PathContainer.parsePath(path)));
    }

    @Bean
    BackendMetrics fedbffBackendMetrics(ObjectProvider<MeterRegistry> registries, BackendResilience resilience, RequestTracing fedbffRequestTracing) {
        return new BackendMetrics(registry(registries), resilience, fedbffRequestTracing);
    }

    /** Readiness: the graph serving (DOWN while there is none). */
    @Bean
    GraphReadiness graphHealthIndicator(ObjectProvider<GraphQLGateway> gateway, ObjectProvider<GraphReadiness.Details> details) {
        return new GraphReadiness(gateway::getIfAvailable, details.orderedStream().toList());
    }

    /** Each backend's breaker and ejected instances; always UP. */
    @Bean
    BackendHealth backendsHealthIndicator(CircuitBreakerRegistry fedbffCircuitBreakers, ServiceLocator locator, GatewayProperties properties) {
        return new BackendHealth(fedbffCircuitBreakers, locator, properties.services().keySet());
    }

    @Bean
    MeterBinder fedbffResilienceMetrics(CircuitBreakerRegistry fedbffCircuitBreakers, RetryRegistry fedbffRetries,
                                        BulkheadRegistry fedbffBulkheads, TimeLimiterRegistry fedbffTimeLimiters) {
        return registry -> {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(fedbffCircuitBreakers).bindTo(registry);
            TaggedRetryMetrics.ofRetryRegistry(fedbffRetries).bindTo(registry);
            TaggedBulkheadMetrics.ofBulkheadRegistry(fedbffBulkheads).bindTo(registry);
            TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(fedbffTimeLimiters).bindTo(registry);
        };
    }
}
