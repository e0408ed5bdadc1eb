package dev.fedbff.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** May they: takes one token for {@code key} from the buckets of {@code policy}, when every band has one. */
@FunctionalInterface
public interface RateLimiter {

    /**
     * Emits the decision and never fails: an unknown policy is {@link RateLimitDecision#UNLIMITED}, a store failure is
     * decided by the configured fail mode.
     *
     * @param policy a name under {@code fedbff.rate-limit.policies}
     * @param key    who is calling, as {@link CallerKeyResolver} names them
     */
    Mono<RateLimitDecision> tryConsume(String policy, String key);
}
