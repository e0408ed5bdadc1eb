package dev.fedbff.gateway.config;

import dev.fedbff.gateway.resilience.BackendResilience;
import dev.fedbff.gateway.resilience.Resilience4jBackendResilience;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Resilience4j registries a BFF builds from {@code fedbff.*} settings, for tests that exercise them directly. */
public record ResilienceFixture(CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters, RetryRegistry retries,
                                BulkheadRegistry bulkheads) {

    /** @param settings {@code key, value, key, value...} with keys under {@code fedbff} */
    public static ResilienceFixture of(String... settings) {
        GatewayProperties properties = bind(settings);
        ResilienceConfiguration configuration = new ResilienceConfiguration();
        return new ResilienceFixture(configuration.fedbffCircuitBreakers(properties), configuration.fedbffTimeLimiters(properties),
                configuration.fedbffRetries(properties), configuration.fedbffBulkheads(properties));
    }

    public static GatewayProperties bind(String... settings) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("fedbff", GatewayProperties.class);
    }

    public BackendResilience resilience() {
        return new Resilience4jBackendResilience(breakers, timeLimiters, retries, bulkheads);
    }
}
