package dev.fedbff.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The configured policies as Bucket4j configurations, built once at start-up. */
final class Policies {

    private final Map<String, BucketConfiguration> byName;

    private Policies(Map<String, BucketConfiguration> byName) {
        this.byName = Map.copyOf(byName);
    }

    static Policies of(Map<String, RateLimitPolicy> policies) {
        Map<String, BucketConfiguration> byName = new HashMap<>();
        policies.forEach((name, policy) -> byName.put(name, configuration(policy)));
        return new Policies(byName);
    }

    /** The policy's buckets, or null when no policy of that name is configured (no limit). */
    @Nullable BucketConfiguration get(String name) {
        return byName.get(name);
    }

    /** The longest band of all policies: a bucket unused that long is full again, so forgetting it loses nothing. */
    Duration longestPeriod() {
        long nanos = byName.values().stream().flatMap(c -> Arrays.stream(c.getBandwidths()))
                .mapToLong(Bandwidth::getRefillPeriodNanos).max().orElse(Duration.ofMinutes(1).toNanos());
        return Duration.ofNanos(nanos);
    }

    private static BucketConfiguration configuration(RateLimitPolicy policy) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        policy.bands().forEach(band -> builder.addLimit(limit -> limit.capacity(band.capacity()).refillGreedy(band.capacity(), band.period())));
        return builder.build();
    }
}
