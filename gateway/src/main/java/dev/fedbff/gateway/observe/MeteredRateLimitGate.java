package dev.fedbff.gateway.observe;

import dev.fedbff.gateway.ratelimit.RateLimitDecision;
import dev.fedbff.gateway.ratelimit.RateLimitGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Counts each rate-limit decision: {@code fedbff.ratelimit.decisions} by {@code policy} and {@code outcome} (allowed, rejected). */
public final class MeteredRateLimitGate implements RateLimitGate {

    private final RateLimitGate delegate;
    private final MeterCache<Tags, Counter> decisions;

    private record Tags(String policy, boolean allowed) {
    }

    public MeteredRateLimitGate(RateLimitGate delegate, MeterRegistry registry) {
        this.delegate = delegate;
        Meter.MeterProvider<Counter> decisions = Counter.builder("fedbff.ratelimit.decisions").description("Rate-limit decisions, by policy and outcome")
                .withRegistry(registry);
        this.decisions = new MeterCache<>(tags -> decisions.withTags("policy", tags.policy(), "outcome", tags.allowed() ? "allowed" : "rejected"));
    }

    @Override
    public Mono<RateLimitDecision> check(String policy, ServerWebExchange exchange) {
        return delegate.check(policy, exchange).doOnNext(decision -> decisions.get(new Tags(policy, decision.allowed())).increment());
    }
}
