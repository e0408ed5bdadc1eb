package dev.fedbff.gateway.ratelimit;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The gate as Spring Cloud Gateway splits it: a key for who is calling, then a token from that key's buckets. */
final class KeyedRateLimitGate implements RateLimitGate {

    private final CallerKeyResolver callers;
    private final RateLimiter limiter;

    KeyedRateLimitGate(CallerKeyResolver callers, RateLimiter limiter) {
        this.callers = callers;
        this.limiter = limiter;
    }

    @Override
    public Mono<RateLimitDecision> check(String policy, ServerWebExchange exchange) {
        return callers.resolve(exchange)
                .flatMap(key -> limiter.tryConsume(policy, key))
                .defaultIfEmpty(RateLimitDecision.UNLIMITED);
    }
}
