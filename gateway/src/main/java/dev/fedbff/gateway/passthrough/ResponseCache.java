package dev.fedbff.gateway.passthrough;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.util.Map;

/**
 * Small HTTP responses kept in memory (Caffeine), bounded by total size. An entry is served fresh for its
 * {@link CachePolicy#freshness freshness}, then kept for {@code maxStale} more so that it can be served, marked
 * stale, while its backend fails (stale-if-error). One variant per key: a response for other {@code Vary} values
 * replaces it. Knows nothing of WebFlux or routes, so the REST connector can use it with its own key namespace.
 */
public final class ResponseCache {

    /** A response that may be stored once its body has been read: everything but the body, fixed when its headers arrive. */
    public record Candidate(CacheKey key, int status, HttpHeaders headers, Map<String, String> varyValues, Duration freshFor) {

        public Candidate {
            headers = HttpHeaders.readOnlyHttpHeaders(HttpHeaders.copyOf(headers));
            varyValues = Map.copyOf(varyValues);
        }
    }

    private final Cache<CacheKey, CachedResponse> entries;
    private final Ticker ticker;
    private final long maxBodySize;
    private final Duration maxStale;

    /**
     * @param maximumSize total bytes of all entries, roughly
     * @param maxBodySize the largest body stored; larger responses pass through uncached
     * @param maxStale    how long after it stops being fresh an entry may still be served when the backend fails
     */
    public ResponseCache(long maximumSize, long maxBodySize, Duration maxStale, Ticker ticker) {
        if (maxBodySize > maximumSize) {
            throw new IllegalArgumentException("fedbff.response-cache.max-body-size (" + maxBodySize
                    + " bytes) must not exceed fedbff.response-cache.maximum-size (" + maximumSize + " bytes)");
        }
        if (maxStale.isNegative()) {
            throw new IllegalArgumentException("fedbff.response-cache.max-stale must not be negative");
        }
        this.ticker = ticker;
        this.maxBodySize = maxBodySize;
        this.maxStale = maxStale;
        this.entries = Caffeine.newBuilder().ticker(ticker).maximumWeight(maximumSize)
                .weigher((CacheKey key, CachedResponse value) -> value.weight())
                .expireAfter(new Lifetime()).recordStats().build();
    }

    /** Publishes hits, misses, size and evictions as {@code cache.*} metrics tagged {@code cache=fedbff.responses}. */
    public void monitor(io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(registry, entries, "fedbff.responses");
    }

    public long now() {
        return ticker.read();
    }

    public long maxBodySize() {
        return maxBodySize;
    }

    /** The stored response for this key that matches the request's varied headers, fresh or still usable as stale. */
    public @Nullable CachedResponse lookup(CacheKey key, HttpHeaders request) {
        CachedResponse stored = entries.getIfPresent(key);
        if (stored == null || !stored.usableAt(now()) || !CachePolicy.matches(stored, request)) {
            return null;
        }
        return stored;
    }

    /**
     * What to store if the body turns out small enough, or null when this response must not be stored.
     *
     * @param perUser whether the key is per user (the request was authenticated), which allows {@code private} responses
     */
    public @Nullable Candidate candidate(CacheKey key, Duration ttl, int status, HttpHeaders response, HttpHeaders request) {
        Duration fresh = CachePolicy.freshness(ttl, status, response, !key.user().isEmpty());
        Map<String, String> vary = CachePolicy.varyValues(response, request);
        long length = response.getContentLength();
        if (fresh.isZero() || vary == null || length > maxBodySize) {
            return null;
        }
        return new Candidate(key, status, response, vary, fresh);
    }

    public void store(Candidate candidate, byte[] body) {
        if (body.length > maxBodySize) {
            return;
        }
        Duration stale = CachePolicy.mayServeStale(candidate.headers()) ? maxStale : Duration.ZERO;
        entries.put(candidate.key(), new CachedResponse(candidate.status(), candidate.headers(), body, candidate.varyValues(),
                now(), candidate.freshFor().toNanos(), stale.toNanos()));
    }

    public void invalidate(CacheKey key) {
        entries.invalidate(key);
    }

    /** Each entry lives for its freshness plus its stale window, counted from when it was stored. */
    private static final class Lifetime implements Expiry<CacheKey, CachedResponse> {

        @Override
        public long expireAfterCreate(CacheKey key, CachedResponse value, long currentTime) {
            return Math.max(0, value.storedAt() + value.freshNanos() + value.staleNanos() - currentTime);
        }

        @Override
        public long expireAfterUpdate(CacheKey key, CachedResponse value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(CacheKey key, CachedResponse value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
