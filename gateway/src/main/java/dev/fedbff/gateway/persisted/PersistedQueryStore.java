package dev.fedbff.gateway.persisted;

import io.lettuce.core.RedisURI;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Where automatic persisted queries live between requests: the query text by the SHA-256 of that text. A store that
 * cannot answer (Redis down, too slow) answers as a miss, and the client registers the query again.
 */
public interface PersistedQueryStore {

    /** The query registered under {@code hash} (lower-case hex); empty when none is, or the store cannot say. */
    Mono<String> find(String hash);

    /** Keeps {@code query} under {@code hash}; completes also when a shared store could not take it. */
    Mono<Void> save(String hash, String query);

    /** In this process's memory, at most {@code maximumSize} queries, the least useful evicted first. */
    static PersistedQueryStore local(long maximumSize) {
        return new LocalPersistedQueryStore(maximumSize);
    }

    /**
     * In Redis at {@code uri} (e.g. {@code redis://127.0.0.1:6379}), shared by every replica, each entry for {@code ttl},
     * with up to {@code maximumSize} of them also in local memory; the store is {@link AutoCloseable}.
     *
     * @throws IllegalArgumentException when {@code uri} is not a Redis URI
     */
    static PersistedQueryStore redis(String uri, Duration ttl, Duration timeout, long maximumSize) {
        return new RedisPersistedQueryStore(local(maximumSize), RedisURI.create(uri), ttl, timeout, System::nanoTime);
    }
}
