package dev.fedbff.gateway.resilience;

import dev.fedbff.gateway.connect.SubgraphCallException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeoutException;

/**
 * {@link BackendResilience} from Resilience4j registries: instances named after the backend. An open breaker
 * answers at once with {@code SERVICE_UNAVAILABLE}; a timeout becomes {@code GATEWAY_TIMEOUT}.
 */
public final class Resilience4jBackendResilience implements BackendResilience {

    private final CircuitBreakerRegistry breakers;
    private final TimeLimiterRegistry timeLimiters;

    public Resilience4jBackendResilience(CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters) {
        this.breakers = breakers;
        this.timeLimiters = timeLimiters;
    }

    @Override
    public <T> Mono<T> decorate(String service, boolean idempotent, Mono<T> call) {
        CircuitBreaker breaker = breakers.circuitBreaker(service);
        TimeLimiter timeLimiter = timeLimiters.timeLimiter(service);
        return Mono.defer(() -> call)
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(CallNotPermittedException.class, e -> new SubgraphCallException(service, "SERVICE_UNAVAILABLE",
                        "service " + service + " is unavailable: its circuit breaker is open", 0))
                .onErrorMap(TimeoutException.class, e -> new SubgraphCallException(service, "GATEWAY_TIMEOUT",
                        "service " + service + " did not answer within " + timeLimiter.getTimeLimiterConfig().getTimeoutDuration().toMillis() + " ms", 0));
    }

    /** Failures that say the backend is unhealthy: no answer, a timeout, or a 5xx. A 4xx is the request's fault. */
    public static boolean countsAsFailure(Throwable error) {
        return !(error instanceof SubgraphCallException call) || call.status() == 0 || call.status() >= 500;
    }
}
