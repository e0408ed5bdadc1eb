package dev.fedbff.gateway.resilience;

import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.connect.SubgraphCallException;
import dev.fedbff.gateway.connect.SubgraphConnector;
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
 * Decorates a connector: each fetch runs under the time limiter and the circuit breaker of its subgraph. An open
 * breaker answers at once with {@code SERVICE_UNAVAILABLE}; a timeout becomes {@code GATEWAY_TIMEOUT}.
 */
public final class ResilientConnector implements SubgraphConnector {

    private final SubgraphConnector delegate;
    private final CircuitBreakerRegistry breakers;
    private final TimeLimiterRegistry timeLimiters;

    public ResilientConnector(SubgraphConnector delegate, CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters) {
        this.delegate = delegate;
        this.breakers = breakers;
        this.timeLimiters = timeLimiters;
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        String name = request.subgraph();
        CircuitBreaker breaker = breakers.circuitBreaker(name);
        TimeLimiter timeLimiter = timeLimiters.timeLimiter(name);
        return Mono.defer(() -> delegate.fetch(request))
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(CallNotPermittedException.class, e -> new SubgraphCallException(name, "SERVICE_UNAVAILABLE",
                        "service " + name + " is unavailable: its circuit breaker is open", 0))
                .onErrorMap(TimeoutException.class, e -> new SubgraphCallException(name, "GATEWAY_TIMEOUT",
                        "service " + name + " did not answer within " + timeLimiter.getTimeLimiterConfig().getTimeoutDuration().toMillis() + " ms", 0));
    }

    /** Failures that say the backend is unhealthy: no answer, a timeout, or a 5xx. A 4xx is the request's fault. */
    public static boolean countsAsFailure(Throwable error) {
        return !(error instanceof SubgraphCallException call) || call.status() == 0 || call.status() >= 500;
    }
}
