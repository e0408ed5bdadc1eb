package dev.fedbff.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import reactor.core.publisher.Mono;

/**
 * Buckets in this process's memory: each BFF instance counts on its own. A bounded cache holds one bucket per policy
 * and caller; a bucket unused for the longest band's period is full again, so it is dropped then.
 */
final class LocalRateLimiter implements RateLimiter {

    static final long MAXIMUM_BUCKETS = 100_000;

    private record Key(String policy, String caller) {
    }

    private final Policies policies;
    private final TimeMeter clock;
    private final Cache<Key, LocalBucket> buckets;

    LocalRateLimiter(Policies policies, TimeMeter clock) {
        this.policies = policies;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().maximumSize(MAXIMUM_BUCKETS).expireAfterAccess(policies.longestPeriod())
                .ticker(clock::currentTimeNanos).build();
    }

    @Override
    public Mono<RateLimitDecision> tryConsume(String policy, String key) {
        return Mono.fromSupplier(() -> consume(policy, key));
    }

    private RateLimitDecision consume(String policy, String key) {
        BucketConfiguration configuration = policies.get(policy);
        if (configuration == null) {
            return RateLimitDecision.UNLIMITED;
        }
        LocalBucket bucket = buckets.get(new Key(policy, key), k -> bucket(configuration));
        return Decisions.of(bucket.asVerbose().tryConsumeAndReturnRemaining(1));
    }

    private LocalBucket bucket(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(clock);
        for (Bandwidth band : configuration.getBandwidths()) {
            builder.addLimit(band);
        }
        return builder.build();
    }
}
