package dev.fedbff.gateway.ratelimit;

import org.springframework.http.HttpHeaders;

/**
 * Whether one request may proceed under a policy, with what the IETF RateLimit headers report.
 *
 * @param limit             the size of the tightest band of the policy
 * @param remaining         tokens left in that band after this request
 * @param resetSeconds      seconds until that band is full again
 * @param retryAfterSeconds for a refused request, seconds until one token is back
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    /** The decision when no policy applies: allowed, and no headers. */
    public static final RateLimitDecision UNLIMITED = new RateLimitDecision(true, -1, -1, 0, 0);

    public boolean limited() {
        return limit >= 0;
    }

    /** Adds {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset}, and {@code Retry-After} when refused. */
    public void writeHeaders(HttpHeaders headers) {
        if (!limited()) {
            return;
        }
        headers.set("RateLimit-Limit", Long.toString(limit));
        headers.set("RateLimit-Remaining", Long.toString(Math.max(0, remaining)));
        headers.set("RateLimit-Reset", Long.toString(resetSeconds));
        if (!allowed) {
            headers.set("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        }
    }
}
