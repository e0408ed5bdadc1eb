package dev.fedbff.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a BFF configures, under {@code fedbff}. Names match the code: the breaker of service
 * {@code payments} is configured under {@code fedbff.resilience.services.payments}.
 *
 * @param schema     where the subgraph schema files are
 * @param services   service name to base address, e.g. {@code users: http://localhost:4001}
 * @param auth       how callers are authenticated
 * @param resilience timeouts and circuit breakers, with per-service overrides
 * @param cacheSize  how many parsed documents and plans to keep
 */
@ConfigurationProperties("fedbff")
public record GatewayProperties(@DefaultValue Schema schema, Map<String, URI> services, @DefaultValue Auth auth,
                                @DefaultValue Resilience resilience, @DefaultValue("2000") long cacheSize) {

    public GatewayProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
    }

    /** @param location the folder of {@code *.graphqls} files, relative to the working directory */
    public record Schema(@DefaultValue("schema") String location) {
    }

    /**
     * @param hs256Secret   the shared secret that signs tokens (HS256); at least 32 bytes
     * @param subjectHeader the header that carries the verified subject to backends
     * @param rolesHeader   the header that carries the verified roles to backends
     */
    public record Auth(String hs256Secret, @DefaultValue("X-User-Id") String subjectHeader,
                       @DefaultValue("X-User-Roles") String rolesHeader) {
    }

    /**
     * Defaults every backend inherits; {@code services.<name>} overrides them for one backend.
     *
     * @param timeout              how long one fetch may take
     * @param failureRateThreshold the percentage of failed calls in the window that opens the breaker
     * @param slidingWindowSize    how many recent calls the breaker looks at
     * @param waitInOpenState      how long an open breaker rejects calls before it lets probes through
     */
    public record Resilience(@DefaultValue("5s") Duration timeout, @DefaultValue("50") float failureRateThreshold,
                             @DefaultValue("20") int slidingWindowSize, @DefaultValue("10s") Duration waitInOpenState,
                             Map<String, ServiceResilience> services) {

        public Resilience {
            services = services == null ? Map.of() : Map.copyOf(services);
        }
    }

    /** Per-backend overrides; an unset value inherits the default. */
    public record ServiceResilience(Duration timeout, Float failureRateThreshold, Integer slidingWindowSize, Duration waitInOpenState) {
    }
}
