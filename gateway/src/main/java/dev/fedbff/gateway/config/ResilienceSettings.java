package dev.fedbff.gateway.config;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code fedbff.resilience} resolved: every named config and every configured backend with each setting filled in,
 * from its own value, else its base config's, else the default. Refuses a {@code base-config} that names no config,
 * and values Resilience4j would reject, with the setting's name.
 */
record ResilienceSettings(Backend defaults, Map<String, Backend> configs, Map<String, Backend> services) {

    /** One backend's (or named config's) complete settings. */
    record Backend(Duration timeout, float failureRateThreshold, float slowCallRateThreshold, Duration slowCallDuration,
                   int slidingWindowSize, Duration waitInOpenState, int maxConcurrentCalls,
                   int maxAttempts, Duration backoff, Duration maxBackoff) {
    }

    static ResilienceSettings of(GatewayProperties.Resilience resilience) {
        Backend defaults = new Backend(resilience.timeout(), resilience.failureRateThreshold(), resilience.slowCallRateThreshold(),
                resilience.slowCallDuration(), resilience.slidingWindowSize(), resilience.waitInOpenState(), resilience.maxConcurrentCalls(),
                resilience.retry().maxAttempts(), resilience.retry().backoff(), resilience.retry().maxBackoff());
        check("fedbff.resilience", defaults);
        Map<String, Backend> configs = new LinkedHashMap<>();
        resilience.configs().forEach((name, config) -> {
            String prefix = "fedbff.resilience.configs." + name;
            if (config.baseConfig() != null) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".base-config", config.baseConfig(),
                        "a shared config cannot have a base config of its own; only services.<name> can");
            }
            configs.put(name, check(prefix, over(defaults, config)));
        });
        Map<String, Backend> services = new LinkedHashMap<>();
        resilience.services().forEach((name, service) -> {
            String prefix = "fedbff.resilience.services." + name;
            Backend base = defaults;
            if (service.baseConfig() != null) {
                base = configs.get(service.baseConfig());
                if (base == null) {
                    throw new InvalidConfigurationPropertyValueException(prefix + ".base-config", service.baseConfig(),
                            "no shared config of that name; the shared configs are " + configs.keySet() + " (fedbff.resilience.configs)");
                }
            }
            services.put(name, check(prefix, over(base, service)));
        });
        return new ResilienceSettings(defaults, Map.copyOf(configs), Map.copyOf(services));
    }

    /** {@code base} with every value {@code overrides} sets replaced. */
    private static Backend over(Backend base, GatewayProperties.ServiceResilience overrides) {
        GatewayProperties.RetryOverride retry = overrides.retry();
        return new Backend(
                or(overrides.timeout(), base.timeout()),
                or(overrides.failureRateThreshold(), base.failureRateThreshold()),
                or(overrides.slowCallRateThreshold(), base.slowCallRateThreshold()),
                or(overrides.slowCallDuration(), base.slowCallDuration()),
                or(overrides.slidingWindowSize(), base.slidingWindowSize()),
                or(overrides.waitInOpenState(), base.waitInOpenState()),
                or(overrides.maxConcurrentCalls(), base.maxConcurrentCalls()),
                retry == null ? base.maxAttempts() : or(retry.maxAttempts(), base.maxAttempts()),
                retry == null ? base.backoff() : or(retry.backoff(), base.backoff()),
                retry == null ? base.maxBackoff() : or(retry.maxBackoff(), base.maxBackoff()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Backend check(String prefix, Backend backend) {
        positive(prefix + ".timeout", backend.timeout());
        percentage(prefix + ".failure-rate-threshold", backend.failureRateThreshold());
        percentage(prefix + ".slow-call-rate-threshold", backend.slowCallRateThreshold());
        positive(prefix + ".slow-call-duration", backend.slowCallDuration());
        atLeastOne(prefix + ".sliding-window-size", backend.slidingWindowSize());
        positive(prefix + ".wait-in-open-state", backend.waitInOpenState());
        atLeastOne(prefix + ".max-concurrent-calls", backend.maxConcurrentCalls());
        atLeastOne(prefix + ".retry.max-attempts", backend.maxAttempts());
        positive(prefix + ".retry.backoff", backend.backoff());
        positive(prefix + ".retry.max-backoff", backend.maxBackoff());
        return backend;
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationPropertyValueException(name, value, "must be a positive duration");
        }
    }

    private static void percentage(String name, float value) {
        if (value <= 0 || value > 100) {
            throw new InvalidConfigurationPropertyValueException(name, value, "must be a percentage above 0 and at most 100");
        }
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new InvalidConfigurationPropertyValueException(name, value, "must be 1 or more");
        }
    }
}
