package dev.fedbff.gateway.config;

import dev.fedbff.gateway.ratelimit.RateLimitPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Rate limits under {@code fedbff.rate-limit}. A policy is a set of token-bucket bands, all of which must have a
 * token; {@code graphql-query} and {@code graphql-mutation} limit {@code /graphql}, {@code default} limits a REST
 * route that names no policy, and a policy name nobody configured means no limit.
 *
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is believed, e.g. {@code 10.0.0.0/8}
 * @param policies       policy name to its bands
 * @param redis          the shared store; without {@code uri} every BFF instance counts on its own, in memory
 */
@ConfigurationProperties("fedbff.rate-limit")
public record RateLimitProperties(List<String> trustedProxies, Map<String, RateLimitPolicy> policies, @DefaultValue Redis redis) {

    public RateLimitProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        policies = policies == null ? Map.of() : Map.copyOf(policies);
    }

    /**
     * @param uri      e.g. {@code redis://127.0.0.1:6379}; absent means in-memory limits per instance
     * @param failMode what happens to requests while Redis fails or is slower than {@code timeout}
     * @param timeout  how long one check may wait for Redis before the fail mode decides
     */
    public record Redis(@Nullable String uri, @DefaultValue("open") RateLimitPolicy.FailMode failMode, @DefaultValue("200ms") Duration timeout) {
    }
}
