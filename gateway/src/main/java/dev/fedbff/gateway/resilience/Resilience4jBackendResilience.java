package dev.fedbff.gateway.resilience;

import dev.fedbff.gateway.core.Deadline;
import dev.fedbff.gateway.core.EventLoopTimer;
import dev.fedbff.gateway.connect.SubgraphCallException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * {@link BackendResilience} from Resilience4j registries, every instance named after the backend. Each attempt runs
 * through the breaker, then the time limiter (capped by the request's {@link Deadline}), then the bulkhead; reads are
 * retried around that with exponential backoff and jitter, honouring {@code Retry-After}, and never past the deadline.
 * An open breaker answers at once with {@code SERVICE_UNAVAILABLE}; a timeout becomes {@code GATEWAY_TIMEOUT}. Timeouts run
 * on the caller's event loop ({@link EventLoopTimer}).
 */
public final class Resilience4jBackendResilience implements BackendResilience {

    private final CircuitBreakerRegistry breakers;
    private final TimeLimiterRegistry timeLimiters;
    private final RetryRegistry retries;
    private final BulkheadRegistry bulkheads;

    /** Breakers and time limiters only: no retries, no limit on concurrent calls. */
    public Resilience4jBackendResilience(CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters) {
        this(breakers, timeLimiters, RetryRegistry.of(RetryConfig.custom().maxAttempts(1).build()),
                BulkheadRegistry.of(BulkheadConfig.custom().maxConcurrentCalls(Integer.MAX_VALUE).maxWaitDuration(Duration.ZERO).build()));
    }

    public Resilience4jBackendResilience(CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters,
                                         RetryRegistry retries, BulkheadRegistry bulkheads) {
        this.breakers = breakers;
        this.timeLimiters = timeLimiters;
        this.retries = retries;
        this.bulkheads = bulkheads;
    }

    @Override
    public <T> Mono<T> decorate(String service, boolean idempotent, Mono<T> call) {
        return Mono.deferContextual(context -> {
            Deadline deadline = Deadline.of(context);
            Mono<T> attempt = Mono.defer(() -> attempt(service, deadline, call));
            Mono<T> attempts = idempotent ? Retrying.retry(retries.retry(service), deadline, attempt) : attempt;
            return attempts.onErrorMap(error -> translate(service, deadline, error));
        });
    }

    @Override
    public State state(String service) {
        String breaker = breakers.circuitBreaker(service).getState().name().toLowerCase(java.util.Locale.ROOT);
        return new State(breaker, timeLimiters.timeLimiter(service).getTimeLimiterConfig().getTimeoutDuration());
    }

    private <T> Mono<T> attempt(String service, Deadline deadline, Mono<T> call) {
        if (deadline.expired()) {
            return Mono.error(budgetSpent(service, deadline));
        }
        TimeLimiter timeLimiter = timeLimiters.timeLimiter(service);
        Duration own = timeLimiter.getTimeLimiterConfig().getTimeoutDuration();
        Duration limit = deadline.cap(own);
        Bulkhead bulkhead = bulkheads.bulkhead(service);
        return call
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .timeout(limit, Mono.error(() -> new CallTimeoutException(limit, limit.compareTo(own) < 0)), EventLoopTimer.get())
                .doOnSuccess(result -> timeLimiter.onSuccess())
                .doOnError(timeLimiter::onError)
                .transformDeferred(CircuitBreakerOperator.of(breakers.circuitBreaker(service)));
    }

    private Throwable translate(String service, Deadline deadline, Throwable error) {
        if (error instanceof CallNotPermittedException) {
            CircuitBreaker breaker = breakers.circuitBreaker(service);
            long wait = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
            return new SubgraphCallException(service, "SERVICE_UNAVAILABLE", "service " + service
                    + " is unavailable: its circuit breaker is open", 0, Duration.ofMillis(wait));
        }
        if (error instanceof BulkheadFullException) {
            int limit = bulkheads.bulkhead(service).getBulkheadConfig().getMaxConcurrentCalls();
            return new SubgraphCallException(service, "SERVICE_UNAVAILABLE", "service " + service + " is unavailable: "
                    + limit + " calls to it are already in flight", 0);
        }
        if (error instanceof CallTimeoutException timeout) {
            return new SubgraphCallException(service, "GATEWAY_TIMEOUT", timeout.budget()
                    ? "service " + service + " did not answer within the " + timeout.limit().toMillis() + " ms left of the request's "
                    + deadline.budget().toMillis() + " ms budget"
                    : "service " + service + " did not answer within " + timeout.limit().toMillis() + " ms", 0);
        }
        if (error instanceof TimeoutException) {
            return new SubgraphCallException(service, "GATEWAY_TIMEOUT", "service " + service + " did not answer in time", 0);
        }
        return error;
    }

    private static SubgraphCallException budgetSpent(String service, Deadline deadline) {
        return new SubgraphCallException(service, "GATEWAY_TIMEOUT", "service " + service + " was not called: the request's "
                + deadline.budget().toMillis() + " ms budget is spent", 0);
    }
}
