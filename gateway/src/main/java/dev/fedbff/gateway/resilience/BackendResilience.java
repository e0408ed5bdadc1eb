package dev.fedbff.gateway.resilience;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Wraps one call to a named backend in that backend's resilience: bulkhead, time limiter and circuit breaker for
 * every call, retries only for idempotent ones. GraphQL fetches and REST passthrough both go through it, so a
 * backend's breaker is one breaker whichever way it is reached.
 *
 * <p>A {@link dev.fedbff.gateway.core.Deadline} bound to the call ({@code deadline.bind(decorated)}) caps each
 * attempt's timeout at what is left of the client request's budget, and no attempt starts once it has run out.
 * Failures come out as {@link dev.fedbff.gateway.connect.SubgraphCallException}: {@code SERVICE_UNAVAILABLE} at once
 * while the breaker is open (with {@code retryAfter()}), {@code GATEWAY_TIMEOUT} for a call too slow.
 */
public interface BackendResilience {

    /**
     * @param service    the backend's name: the name of its breaker, time limiter, retry, bulkhead and metrics
     * @param idempotent true for reads (queries, GET, HEAD), which may be retried; writes never are
     * @param call       the call, cold: a retry subscribes to it again
     */
    <T> Mono<T> decorate(String service, boolean idempotent, Mono<T> call);

    /** What a backend's breaker and time limit are now, for explain and health: without calling it. */
    record State(String breaker, Duration timeout) {

        public static final State UNKNOWN = new State("unknown", Duration.ZERO);
    }

    /** The backend's breaker state ({@code closed}, {@code open}, {@code half_open}...) and its own timeout. */
    default State state(String service) {
        return State.UNKNOWN;
    }
}
