package dev.fedbff.gateway.ratelimit;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Locale;

/** May this caller make this request under the named policy? Takes one token when it may. */
@FunctionalInterface
public interface RateLimitGate {

    /** A gate that lets everything through without headers. */
    RateLimitGate UNLIMITED = (policy, exchange) -> Mono.just(RateLimitDecision.UNLIMITED);

    /** The policy of a route that names none. */
    String DEFAULT_POLICY = "default";

    /** The policy of a GraphQL operation: {@code graphql-query}, {@code graphql-mutation}, {@code graphql-subscription}. */
    static String graphQLPolicy(String operationType) {
        return "graphql-" + operationType.toLowerCase(Locale.ROOT);
    }

    /**
     * Emits the decision; never fails. When the shared store is unreachable the configured fail mode decides.
     *
     * @param policy the policy name from configuration, e.g. {@code graphql-query} or a route's policy
     */
    Mono<RateLimitDecision> check(String policy, ServerWebExchange exchange);
}
