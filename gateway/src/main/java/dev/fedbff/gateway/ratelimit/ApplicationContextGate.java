package dev.fedbff.gateway.ratelimit;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Delegates to the {@link RateLimitGate} bean of the application context that serves the exchange, found once per
 * context; lets everything through when the exchange has no context or the context has no gate.
 */
final class ApplicationContextGate implements RateLimitGate {

    private record Found(ApplicationContext context, RateLimitGate gate) {
    }

    private volatile @Nullable Found found;

    @Override
    public Mono<RateLimitDecision> check(String policy, ServerWebExchange exchange) {
        return gate(exchange.getApplicationContext()).check(policy, exchange);
    }

    private RateLimitGate gate(@Nullable ApplicationContext context) {
        if (context == null) {
            return UNLIMITED;
        }
        Found last = found;
        if (last != null && last.context() == context) {
            return last.gate();
        }
        RateLimitGate gate = context.getBeanProvider(RateLimitGate.class).getIfAvailable(() -> UNLIMITED);
        found = new Found(context, gate);
        return gate;
    }
}
