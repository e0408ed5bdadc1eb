package dev.fedbff.gateway.ratelimit;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** May this caller make this request under the named policy? Takes one token when it may. */
@FunctionalInterface
public interface RateLimitGate {

    /** A gate that lets everything through without headers. */
    RateLimitGate UNLIMITED = (policy, exchange) -> Mono.just(RateLimitDecision.UNLIMITED);

    /**
     * Emits the decision; never fails. When the shared store is unreachable the configured fail mode decides.
     *
     * @param policy the policy name from configuration, e.g. {@code graphql-query} or a route's policy
     */
    Mono<RateLimitDecision> check(String policy, ServerWebExchange exchange);
}
