package dev.fedbff.gateway.connect;

import reactor.core.publisher.Mono;

/**
 * Makes one fetch of a plan against its backend. The executor knows backends only through this interface;
 * resilience (breakers, timeouts) wraps implementations from outside.
 */
@FunctionalInterface
public interface SubgraphConnector {

    /**
     * Emits the fetch's result, or fails with {@link SubgraphCallException} when the backend could not answer.
     */
    Mono<FetchResult> fetch(FetchRequest request);
}
