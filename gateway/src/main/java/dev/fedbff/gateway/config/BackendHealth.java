package dev.fedbff.gateway.config;

import dev.fedbff.gateway.connect.ServiceLocator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code backends} health component: each backend's circuit breaker state and the instances ejected from its
 * rotation. Always UP — a backend that is down costs the fields it serves, not the whole BFF, so readiness does not
 * flap with it; the details say which backend is in trouble.
 */
final class BackendHealth implements HealthIndicator {

    /**
     * One backend in the details: its circuit breaker ({@code closed}, {@code open}, {@code half_open}..., or
     * {@code not called yet}) and the instances ejected from its rotation.
     */
    record Backend(String breaker, List<String> ejected) {
    }

    private final CircuitBreakerRegistry breakers;
    private final ServiceLocator locator;
    private final Set<String> configured;

    BackendHealth(CircuitBreakerRegistry breakers, ServiceLocator locator, Set<String> configured) {
        this.breakers = breakers;
        this.locator = locator;
        this.configured = Set.copyOf(configured);
    }

    @Override
    public Health health() {
        Set<String> names = new TreeSet<>(configured);
        breakers.getAllCircuitBreakers().forEach(breaker -> names.add(breaker.getName()));
        Map<String, List<String>> ejected = locator.ejected();
        Map<String, Backend> backends = new LinkedHashMap<>();
        for (String name : names) {
            String breaker = breakers.find(name).map(CircuitBreaker::getState).map(state -> state.name().toLowerCase(Locale.ROOT))
                    .orElse("not called yet");
            backends.put(name, new Backend(breaker, ejected.getOrDefault(name, List.of())));
        }
        return Health.up().withDetails(backends).build();
    }
}
