package dev.fedbff.gateway.resilience;

import reactor.core.publisher.Mono;

/**
 * Wraps one call to a named backend in that backend's resilience: time limiter and circuit breaker for every call,
 * retries only for idempotent ones. GraphQL fetches and REST passthrough both go through it, so a backend's
 * breaker is one breaker whichever way it is reached.
 */
public interface BackendResilience {

    /**
     * @param service    the backend's name: the name of its breaker, time limiter and metrics
     * @param idempotent true for reads (queries, GET, HEAD), which may be retried; writes never are
     */
    <T> Mono<T> decorate(String service, boolean idempotent, Mono<T> call);
}
