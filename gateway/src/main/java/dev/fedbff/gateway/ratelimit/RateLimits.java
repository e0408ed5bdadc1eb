package dev.fedbff.gateway.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How rate limiting is put together, as Spring Cloud Gateway splits it: who is calling ({@link CallerKeyResolver}),
 * may they ({@link RateLimiter}: in memory or in Redis), and the {@link RateLimitGate} both surfaces ask.
 */
public final class RateLimits {

    private RateLimits() {
    }

    /**
     * {@code user:<sub>} for a verified caller, else {@code ip:<address>}, believing {@code X-Forwarded-For} only from
     * {@code trustedProxies} (addresses or CIDR ranges).
     *
     * @throws IllegalArgumentException naming an entry that is no address or range
     */
    public static CallerKeyResolver callerKeys(List<String> trustedProxies) {
        return new SubjectOrAddressKeyResolver(TrustedProxies.of(trustedProxies));
    }

    /** Buckets in this instance's memory, per policy and caller. */
    public static RateLimiter inMemory(Map<String, RateLimitPolicy> policies, TimeMeter clock) {
        return new LocalRateLimiter(Policies.of(policies), clock);
    }

    /**
     * Buckets in the Redis at {@code uri}, shared by every instance; it starts connecting now and keeps trying, so the
     * application starts while Redis is down.
     *
     * @param timeout how long a check waits for Redis before {@code failMode} decides
     * @param meters  where failures are counted; null without a meter registry
     */
    public static RateLimiter redis(Map<String, RateLimitPolicy> policies, RedisURI uri, Duration timeout, RateLimitPolicy.FailMode failMode,
                                    @Nullable MeterRegistry meters, TimeMeter clock) {
        StoreFailures failures = new StoreFailures(RedisRateLimiter.describe(uri), failMode, meters, clock);
        RedisRateLimiter limiter = new RedisRateLimiter(Policies.of(policies), uri, timeout, failures, clock);
        limiter.connect();
        return limiter;
    }

    /** Asks {@code limiter} for a token of the caller {@code callers} names. */
    public static RateLimitGate gate(CallerKeyResolver callers, RateLimiter limiter) {
        return new KeyedRateLimitGate(callers, limiter);
    }
}
