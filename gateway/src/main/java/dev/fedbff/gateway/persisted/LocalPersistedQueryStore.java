package dev.fedbff.gateway.persisted;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/** Persisted queries in this process's memory (Caffeine, bounded by count). */
final class LocalPersistedQueryStore implements PersistedQueryStore {

    private final Cache<String, String> queries;

    LocalPersistedQueryStore(long maximumSize) {
        if (maximumSize <= 0) {
            throw new IllegalArgumentException("fedbff.persisted-queries.cache-size must be positive, was " + maximumSize);
        }
        this.queries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    @Override
    public Mono<String> find(String hash) {
        return Mono.justOrEmpty(queries.getIfPresent(hash));
    }

    @Override
    public Mono<Void> save(String hash, String query) {
        queries.put(hash, query);
        return Mono.empty();
    }
}
