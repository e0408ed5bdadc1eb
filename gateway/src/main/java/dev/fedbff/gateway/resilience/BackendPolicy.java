package dev.fedbff.gateway.resilience;

import dev.fedbff.gateway.connect.SubgraphCallException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;

import java.time.Duration;
import java.util.Set;

/**
 * What counts against a backend and what may be tried again: the predicates and the backoff the Resilience4j
 * configs of every backend are built with.
 */
public final class BackendPolicy {

    /** Answers worth another try: the backend, or the path to it, may be fine a moment later. */
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);
    private static final double MULTIPLIER = 2.0;
    private static final double JITTER = 0.5;

    private BackendPolicy() {
    }

    /**
     * Failures that say the backend is unhealthy: no answer, a timeout, or a 5xx. A 4xx is the request's fault; a
     * call the bulkhead turned away, or cut short by the request's budget, says nothing about the backend.
     */
    public static boolean countsAsFailure(Throwable error) {
        if (error instanceof BulkheadFullException || error instanceof CallNotPermittedException) {
            return false;
        }
        if (error instanceof CallTimeoutException timeout) {
            return !timeout.budget();
        }
        return !(error instanceof SubgraphCallException call) || call.backendFault();
    }

    /**
     * Failures a read may be retried after: no answer, a timeout of its own, or a 429, 502, 503 or 504. Not an open
     * breaker, a full bulkhead, a spent budget, or any other answer.
     */
    public static boolean retryable(Throwable error) {
        if (error instanceof CallTimeoutException timeout) {
            return !timeout.budget();
        }
        if (error instanceof SubgraphCallException call) {
            return !"GATEWAY_TIMEOUT".equals(call.code()) && (call.status() == 0 || RETRYABLE_STATUSES.contains(call.status()));
        }
        return false;
    }

    /**
     * Exponential backoff from {@code initial}, doubling up to {@code max}, each wait drawn within ±50% of its value;
     * a longer {@code Retry-After} from the backend wins.
     */
    public static IntervalBiFunction<Object> backoff(Duration initial, Duration max) {
        IntervalFunction exponential = IntervalFunction.ofExponentialRandomBackoff(initial, MULTIPLIER, JITTER, max);
        return (attempt, outcome) -> {
            long wait = exponential.apply(attempt);
            if (outcome.isLeft() && outcome.getLeft() instanceof SubgraphCallException call && call.retryAfter() != null) {
                return Math.max(wait, call.retryAfter().toMillis());
            }
            return wait;
        };
    }
}
