package dev.fedbff.gateway.config;

import dev.fedbff.gateway.persisted.PersistedOperations;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Persisted operations under {@code fedbff.persisted-queries}.
 *
 * @param apq       Apollo's automatic persisted queries: a client sends a query's SHA-256 instead of the query once
 *                  it has registered it
 * @param cacheSize how many registered queries each replica keeps in memory
 * @param redis     where registered queries are shared by every replica; without a {@code uri} here, the
 *                  {@code fedbff.rate-limit.redis.uri} is used, and without either each replica keeps its own
 * @param manifest  the trusted documents: an Apollo persisted-query manifest, {@code classpath:...} or a file path
 * @param mode      what happens to operations not in the manifest: {@code off}, {@code audit}, {@code safelist},
 *                  {@code id-only}
 */
@ConfigurationProperties("fedbff.persisted-queries")
public record PersistedQueriesProperties(@DefaultValue("true") boolean apq, @DefaultValue("10000") long cacheSize,
                                         @DefaultValue Redis redis, @Nullable String manifest,
                                         @DefaultValue("off") PersistedOperations.Mode mode) {

    /**
     * @param uri     e.g. {@code redis://127.0.0.1:6379}
     * @param ttl     how long a registered query stays in Redis; a client whose query has expired registers it again
     * @param timeout how long one lookup may wait for Redis before it counts as a miss
     */
    public record Redis(@Nullable String uri, @DefaultValue("24h") Duration ttl, @DefaultValue("200ms") Duration timeout) {
    }
}
