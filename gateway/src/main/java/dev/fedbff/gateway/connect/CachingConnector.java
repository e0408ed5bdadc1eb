package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.FetchNotes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.JsonObject;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Caches the answers of REST connector fetches, per subgraph TTL, and serves a stale answer when the backend fails
 * (no answer, 5xx, timeout, open breaker) within {@code maxStale} after it expired, marked {@link FetchResult#stale()}.
 * It wraps the resilient connector from outside, so an open breaker still finds the cache. Keys hold the fetch's
 * calls (their URLs, built from the arguments and representations), the selection their answers are read into, and
 * the caller (backends see the caller's identity, so answers may be personal). Answers with errors and writes are
 * never cached; entries are stored as JSON, so every hit is a fresh copy.
 */
public final class CachingConnector implements SubgraphConnector {

    private record Entry(byte[] json, long freshUntil, long staleUntil) {
    }

    private final SubgraphConnector delegate;
    private final Map<String, Duration> ttlBySubgraph;
    private final Duration maxStale;
    private final Ticker ticker;
    private final Cache<String, Entry> cache;

    public CachingConnector(SubgraphConnector delegate, Map<String, Duration> ttlBySubgraph, Duration maxStale, long maximumEntries, Ticker ticker) {
        this.delegate = delegate;
        this.ttlBySubgraph = Map.copyOf(ttlBySubgraph);
        this.maxStale = maxStale;
        this.ticker = ticker;
        this.cache = Caffeine.newBuilder().maximumSize(maximumEntries).ticker(ticker).recordStats()
                .expireAfter(new com.github.benmanes.caffeine.cache.Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long now) {
                        return Math.max(0, entry.staleUntil() - now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                        return expireAfterCreate(key, entry, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long now, long current) {
                        return current;
                    }
                }).build();
    }

    /** Publishes hits, misses, size and evictions as {@code cache.*} metrics tagged {@code cache=fedbff.connector}. */
    public void monitor(io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(registry, cache, "fedbff.connector");
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        Duration ttl = ttlBySubgraph.getOrDefault(request.subgraph(), Duration.ZERO);
        if (!(request.call() instanceof RestCalls rest) || request.write() || ttl.isZero() || ttl.isNegative()) {
            return delegate.fetch(request);
        }
        String key = key(request, rest);
        Entry entry = cache.getIfPresent(key);
        long now = ticker.read();
        if (entry != null && now < entry.freshUntil()) {
            return Mono.deferContextual(context -> {
                FetchNotes.cache(context, "hit");
                return Mono.just(read(entry, false));
            });
        }
        return Mono.deferContextual(context -> {
            FetchNotes.cache(context, "miss");
            return delegate.fetch(request)
                    .doOnNext(result -> store(key, result, ttl))
                    .onErrorResume(SubgraphCallException.class, failure -> {
                        Entry stale = cache.getIfPresent(key);
                        if (stale != null && failure.backendFault() && ticker.read() < stale.staleUntil()) {
                            FetchNotes.cache(context, "stale");
                            return Mono.just(read(stale, true));
                        }
                        return Mono.error(failure);
                    });
        });
    }

    private void store(String key, FetchResult result, Duration ttl) {
        if (!result.errors().isEmpty() || result.stale()) {
            return;
        }
        long now = ticker.read();
        byte[] stored = Json.write(JsonObject.of(DATA, result.data(), ENTITIES, result.entities()));
        cache.put(key, new Entry(stored, now + ttl.toNanos(), now + ttl.toNanos() + maxStale.toNanos()));
    }

    /** An entry's answer: its data and entities, kept as JSON so that no caller shares (and changes) another's. */
    @SuppressWarnings("unchecked")
    private static FetchResult read(Entry entry, boolean stale) {
        JsonObject stored = (JsonObject) Json.tree(entry.json());
        return new FetchResult((JsonObject) stored.get(DATA), (List<Object>) stored.get(ENTITIES), List.of(), stale);
    }

    private static final String DATA = "data";
    private static final String ENTITIES = "entities";

    /** The calls as made (their URLs hold the arguments and representations), what their answers are read into, and for whom. */
    private static String key(FetchRequest request, RestCalls rest) {
        StringBuilder key = new StringBuilder(request.subgraph()).append('|').append(rest.mode()).append('|');
        rest.calls().forEach(call -> key.append(call.key()).append(' ').append(call.method()).append(' ').append(call.url()).append('|'));
        return key.append(rest.shape()).append('|').append(request.caller().subject()).toString();
    }
}
