package dev.fedbff.gateway.config;

import dev.fedbff.gateway.resilience.BackendPolicy;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Resilience4j registries from {@code fedbff.resilience}: the defaults are each registry's default config, every
 * entry of {@code configs} a named config of the same name, and every backend under {@code services} an instance of
 * its own name built from its settings on top of its {@code base-config} and the defaults.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    private static final org.slf4j.Logger BREAKER_LOG = org.slf4j.LoggerFactory.getLogger("dev.fedbff.gateway.resilience");

    /** Calls the breaker lets through to probe a backend once its wait in the open state is over. */
    private static final int HALF_OPEN_PROBES = 3;

    @Bean
    CircuitBreakerRegistry fedbffCircuitBreakers(GatewayProperties properties) {
        ResilienceSettings settings = ResilienceSettings.of(properties.resilience());
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(breaker(settings.defaults()));
        // one line per state change, named like the backend: "Circuit breaker payments: CLOSED -> OPEN"
        registry.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher().onStateTransition(event ->
                BREAKER_LOG.info("Circuit breaker {}: {} -> {}", event.getCircuitBreakerName(), event.getStateTransition().getFromState(),
                        event.getStateTransition().getToState())));
        settings.configs().forEach((name, backend) -> registry.addConfiguration(name, breaker(backend)));
        settings.services().forEach((name, backend) -> registry.circuitBreaker(name, breaker(backend)));
        return registry;
    }

    @Bean
    TimeLimiterRegistry fedbffTimeLimiters(GatewayProperties properties) {
        ResilienceSettings settings = ResilienceSettings.of(properties.resilience());
        TimeLimiterRegistry registry = TimeLimiterRegistry.of(timeLimiter(settings.defaults()));
        settings.configs().forEach((name, backend) -> registry.addConfiguration(name, timeLimiter(backend)));
        settings.services().forEach((name, backend) -> registry.timeLimiter(name, timeLimiter(backend)));
        return registry;
    }

    @Bean
    RetryRegistry fedbffRetries(GatewayProperties properties) {
        ResilienceSettings settings = ResilienceSettings.of(properties.resilience());
        RetryRegistry registry = RetryRegistry.of(retry(settings.defaults()));
        settings.configs().forEach((name, backend) -> registry.addConfiguration(name, retry(backend)));
        settings.services().forEach((name, backend) -> registry.retry(name, retry(backend)));
        return registry;
    }

    @Bean
    BulkheadRegistry fedbffBulkheads(GatewayProperties properties) {
        ResilienceSettings settings = ResilienceSettings.of(properties.resilience());
        BulkheadRegistry registry = BulkheadRegistry.of(bulkhead(settings.defaults()));
        settings.configs().forEach((name, backend) -> registry.addConfiguration(name, bulkhead(backend)));
        settings.services().forEach((name, backend) -> registry.bulkhead(name, bulkhead(backend)));
        return registry;
    }

    private static CircuitBreakerConfig breaker(ResilienceSettings.Backend backend) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(backend.failureRateThreshold())
                .slowCallRateThreshold(backend.slowCallRateThreshold())
                .slowCallDurationThreshold(backend.slowCallDuration())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(backend.slidingWindowSize())
                .minimumNumberOfCalls(Math.min(10, backend.slidingWindowSize()))
                .waitDurationInOpenState(backend.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(HALF_OPEN_PROBES)
                .recordException(BackendPolicy::countsAsFailure)
                .build();
    }

    private static TimeLimiterConfig timeLimiter(ResilienceSettings.Backend backend) {
        return TimeLimiterConfig.custom().timeoutDuration(backend.timeout()).cancelRunningFuture(true).build();
    }

    private static RetryConfig retry(ResilienceSettings.Backend backend) {
        return RetryConfig.custom()
                .maxAttempts(backend.maxAttempts())
                .intervalBiFunction(BackendPolicy.backoff(backend.backoff(), backend.maxBackoff()))
                .retryOnException(BackendPolicy::retryable)
                .failAfterMaxAttempts(false)
                .build();
    }

    private static BulkheadConfig bulkhead(ResilienceSettings.Backend backend) {
        return BulkheadConfig.custom().maxConcurrentCalls(backend.maxConcurrentCalls()).maxWaitDuration(Duration.ZERO).build();
    }
}
