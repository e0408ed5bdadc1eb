package dev.fedbff.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

/**
 * One rate-limit policy ({@code fedbff.rate-limit.policies.<name>}): token-bucket bands, all of which must have a
 * token for a request to pass.
 *
 * @param bands e.g. {@code [{capacity: 100, period: 1m}, {capacity: 2000, period: 1h}]}; a request needs a token from each
 */
public record RateLimitPolicy(List<Band> bands) {

    public RateLimitPolicy {
        if (bands == null || bands.isEmpty()) {
            throw new IllegalArgumentException("a rate-limit policy needs at least one band under bands, e.g. {capacity: 100, period: 1m}");
        }
        bands = List.copyOf(bands);
    }

    /**
     * {@code capacity} requests per {@code period}; tokens come back gradually (a 100/1m band returns one token every 0.6 s).
     */
    public record Band(long capacity, Duration period) {

        public Band {
            if (capacity <= 0) {
                throw new IllegalArgumentException("a rate-limit band's capacity must be positive, was " + capacity);
            }
            if (period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate-limit band needs a positive period such as 1m or 1h, was " + period);
            }
        }
    }

    /** While the shared store is unreachable: {@code open} lets requests through, {@code closed} refuses them with 429. */
    public enum FailMode {
        OPEN, CLOSED
    }
}
