package dev.fedbff.gateway.config;

import dev.fedbff.gateway.resilience.Resilience4jBackendResilience;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** Resilience4j registries from {@code fedbff.resilience}: defaults for every backend, overrides by backend name. */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    @Bean
    CircuitBreakerRegistry fedbffCircuitBreakers(GatewayProperties properties) {
        GatewayProperties.Resilience defaults = properties.resilience();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(breaker(defaults.failureRateThreshold(), defaults.slidingWindowSize(), defaults.waitInOpenState()));
        defaults.services().forEach((name, service) -> registry.circuitBreaker(name, breaker(
                service.failureRateThreshold() == null ? defaults.failureRateThreshold() : service.failureRateThreshold(),
                service.slidingWindowSize() == null ? defaults.slidingWindowSize() : service.slidingWindowSize(),
                service.waitInOpenState() == null ? defaults.waitInOpenState() : service.waitInOpenState())));
        return registry;
    }

    @Bean
    TimeLimiterRegistry fedbffTimeLimiters(GatewayProperties properties) {
        GatewayProperties.Resilience defaults = properties.resilience();
        TimeLimiterRegistry registry = TimeLimiterRegistry.of(timeLimiter(defaults.timeout()));
        defaults.services().forEach((name, service) -> registry.timeLimiter(name,
                timeLimiter(service.timeout() == null ? defaults.timeout() : service.timeout())));
        return registry;
    }

    private static CircuitBreakerConfig breaker(float failureRateThreshold, int window, Duration waitInOpenState) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRateThreshold)
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window)
                .minimumNumberOfCalls(Math.min(10, window))
                .waitDurationInOpenState(waitInOpenState)
                .permittedNumberOfCallsInHalfOpenState(3)
                .recordException(Resilience4jBackendResilience::countsAsFailure)
                .build();
    }

    private static TimeLimiterConfig timeLimiter(Duration timeout) {
        return TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build();
    }
}
