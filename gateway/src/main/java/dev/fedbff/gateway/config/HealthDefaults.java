package dev.fedbff.gateway.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Collections;
import java.util.Map;

/**
 * The health groups every BFF gets unless its configuration says otherwise (these defaults come last): liveness is the
 * process alone, readiness is Spring's readiness state plus the {@code graph} served and the {@code backends}' breakers,
 * details shown to callers with a valid token.
 */
class HealthDefaults implements EnvironmentPostProcessor, Ordered {

    static final Map<String, String> DEFAULTS = Map.of(
            "management.endpoint.health.probes.enabled", "true",
            "management.endpoint.health.group.liveness.include", "livenessState",
            "management.endpoint.health.group.readiness.include", "readinessState,graph,backends",
            "management.endpoint.health.group.readiness.show-details", "when-authorized");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("fedbff-health-defaults", Collections.unmodifiableMap(DEFAULTS)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
