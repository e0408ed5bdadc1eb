package dev.fedbff.gateway.passthrough;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stored response: status, headers (hop-by-hop headers already removed), a small body, the request header values
 * its {@code Vary} names, and when it was stored. Immutable; times are {@link com.github.benmanes.caffeine.cache.Ticker} nanos.
 *
 * @param varyValues the values the request had for each header the response's {@code Vary} names (lower-case names)
 * @param freshNanos how long after {@code storedAt} it may be served without asking the backend
 * @param staleNanos how much longer it is kept to be served, marked stale, when the backend fails
 */
public record CachedResponse(int status, HttpHeaders headers, byte[] body, Map<String, String> varyValues,
                             long storedAt, long freshNanos, long staleNanos) {

    public CachedResponse {
        headers = HttpHeaders.readOnlyHttpHeaders(HttpHeaders.copyOf(headers));
        varyValues = Map.copyOf(varyValues);
    }

    public boolean freshAt(long now) {
        return now - storedAt < freshNanos;
    }

    public boolean usableAt(long now) {
        return now - storedAt < freshNanos + staleNanos;
    }

    /** Whole seconds since it was stored: the {@code Age} header. */
    public long ageSeconds(long now) {
        return TimeUnit.NANOSECONDS.toSeconds(Math.max(0, now - storedAt));
    }

    public @Nullable String etag() {
        return headers.getETag();
    }

    /** Roughly what it costs to keep, for the cache's size bound. */
    int weight() {
        return body.length + 64 * (headers.size() + varyValues.size()) + 128;
    }
}
