package dev.fedbff.gateway.config;

import dev.fedbff.gateway.resilience.BackendResilience;
import dev.fedbff.gateway.core.Deadline;
import dev.fedbff.gateway.connect.SubgraphCallException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One backend's resilience as a caller meets it, in virtual time: which calls are tried again and when, what the
 * request's budget allows, and what an open breaker or a full bulkhead answers. Every attempt the backend receives is
 * recorded with the (virtual) millisecond it started.
 */
class Resilience4jBackendResilienceTest {

    static final SubgraphCallException UNAVAILABLE = new SubgraphCallException("products", "SUBREQUEST_HTTP_ERROR", "products answered HTTP 503", 503);
    static final SubgraphCallException REFUSED = new SubgraphCallException("products", "SERVICE_UNAVAILABLE", "products is unreachable", 0);

    final List<Long> attempts = new CopyOnWriteArrayList<>();
    final ResilienceFixture fixture = ResilienceFixture.of(
            "fedbff.resilience.timeout", "1s",
            "fedbff.resilience.sliding-window-size", "4",
            "fedbff.resilience.retry.max-attempts", "3",
            "fedbff.resilience.retry.backoff", "100ms",
            "fedbff.resilience.retry.max-backoff", "1s",
            "fedbff.resilience.max-concurrent-calls", "1");
    final BackendResilience resilience = fixture.resilience();

    @Test
    void aReadIsRetriedAfterA503WhenTheBackendsRetryAfterHasPassed() {
        Supplier<Mono<String>> read = () -> resilience.decorate("products", true,
                backend(new SubgraphCallException("products", "SUBREQUEST_HTTP_ERROR", "busy", 503, Duration.ofSeconds(2)), "ok"));

        StepVerifier.withVirtualTime(read).thenAwait(Duration.ofSeconds(5)).expectNext("ok").verifyComplete();

        assertThat(attempts).containsExactly(0L, 2000L);
    }

    @Test
    void readsBackOffExponentiallyWithJitterAndGiveUpAfterMaxAttempts() {
        Supplier<Mono<String>> read = () -> resilience.decorate("products", true, backend(REFUSED, REFUSED, REFUSED, "never"));

        StepVerifier.withVirtualTime(read).thenAwait(Duration.ofSeconds(5)).verifyErrorSatisfies(error -> assertThat(error).isSameAs(REFUSED));

        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(1) - attempts.get(0)).as("first wait: 100 ms ± 50%").isBetween(50L, 150L);
        assertThat(attempts.get(2) - attempts.get(1)).as("second wait: 200 ms ± 50%").isBetween(100L, 300L);
    }

    @Test
    void aWriteIsNeverRetriedNotOnA503NotOnATimeout() {
        StepVerifier.withVirtualTime(() -> resilience.decorate("orders", false, backend(UNAVAILABLE, "placed")))
                .thenAwait(Duration.ofSeconds(5)).verifyErrorSatisfies(error -> assertThat(error).isSameAs(UNAVAILABLE));
        assertThat(attempts).containsExactly(0L);

        attempts.clear();
        StepVerifier.withVirtualTime(() -> resilience.decorate("orders", false, hanging()))
                .thenAwait(Duration.ofSeconds(5))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(SubgraphCallException.class)
                        .hasMessage("service orders did not answer within 1000 ms")
                        .extracting("code").isEqualTo("GATEWAY_TIMEOUT"));
        assertThat(attempts).containsExactly(0L);
    }

    @Test
    void aTimedOutReadIsRetried() {
        StepVerifier.withVirtualTime(() -> resilience.decorate("products", true, hanging()))
                .thenAwait(Duration.ofSeconds(10)).verifyError(SubgraphCallException.class);

        assertThat(attempts).hasSize(3);
    }

    @Test
    void eachAttemptGetsAtMostWhatIsLeftOfTheRequestsBudget() {
        StepVerifier.withVirtualTime(() -> deadline(Duration.ofMillis(400)).bind(resilience.decorate("products", false, hanging())))
                .thenAwait(Duration.ofSeconds(2))
                .verifyErrorSatisfies(error -> assertThat(error)
                        .hasMessage("service products did not answer within the 400 ms left of the request's 400 ms budget"));

        CircuitBreaker breaker = fixture.breakers().circuitBreaker("products");
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("cut short by the budget, not the backend's fault").isZero();
    }

    @Test
    void noRetryWaitsPastTheBudgetAndNoAttemptStartsAfterIt() {
        Supplier<Mono<String>> read = () -> deadline(Duration.ofSeconds(1)).bind(resilience.decorate("products", true,
                backend(new SubgraphCallException("products", "SUBREQUEST_HTTP_ERROR", "busy", 503, Duration.ofSeconds(5)), "ok")));

        StepVerifier.withVirtualTime(read).expectSubscription()
                .expectErrorSatisfies(error -> assertThat(error).hasMessage("busy")).verify(Duration.ofSeconds(1));
        assertThat(attempts).as("failed at once: the Retry-After is longer than the budget left").containsExactly(0L);

        attempts.clear();
        StepVerifier.withVirtualTime(() -> {
            Deadline spent = deadline(Duration.ofMillis(100));
            return Mono.delay(Duration.ofMillis(200)).then(spent.bind(resilience.decorate("products", true, backend("ok"))));
        }).thenAwait(Duration.ofSeconds(1)).verifyErrorSatisfies(error -> assertThat(error)
                .hasMessage("service products was not called: the request's 100 ms budget is spent"));
        assertThat(attempts).isEmpty();
    }

    @Test
    void anOpenBreakerAnswersAtOnceWithServiceUnavailableAndWhenToComeBack() {
        fixture.breakers().circuitBreaker("payments").transitionToOpenState();

        StepVerifier.create(resilience.decorate("payments", true, backend("paid")))
                .verifyErrorSatisfies(error -> {
                    SubgraphCallException call = (SubgraphCallException) error;
                    assertThat(call.code()).isEqualTo("SERVICE_UNAVAILABLE");
                    assertThat(call.getMessage()).isEqualTo("service payments is unavailable: its circuit breaker is open");
                    assertThat(call.retryAfter()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(call.gatewayStatus()).isEqualTo(503);
                });
        assertThat(attempts).isEmpty();
    }

    @Test
    void fiveHundredsAndTimeoutsOpenTheBreakerButClientErrorsDoNot() {
        CircuitBreaker breaker = fixture.breakers().circuitBreaker("users");
        SubgraphCallException notFound = new SubgraphCallException("users", "SUBREQUEST_HTTP_ERROR", "404", 404);
        for (int i = 0; i < 4; i++) {
            StepVerifier.create(resilience.decorate("users", false, backend(notFound))).verifyError();
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        StepVerifier.create(resilience.decorate("users", false, backend(UNAVAILABLE))).verifyError();
        StepVerifier.create(resilience.decorate("users", false, backend(REFUSED))).verifyError();
        StepVerifier.withVirtualTime(() -> resilience.decorate("users", false, hanging())).thenAwait(Duration.ofSeconds(2)).verifyError();
        assertThat(breaker.getState()).as("3 of the last 4 calls failed").isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void slowCallsOpenTheBreaker() {
        ResilienceFixture slow = ResilienceFixture.of(
                "fedbff.resilience.sliding-window-size", "4",
                "fedbff.resilience.slow-call-duration", "20ms",
                "fedbff.resilience.slow-call-rate-threshold", "50");
        BackendResilience resilience = slow.resilience();
        for (int i = 0; i < 4; i++) {
            StepVerifier.create(resilience.decorate("users", true, Mono.just("late").delayElement(Duration.ofMillis(60), Schedulers.single())))
                    .expectNext("late").verifyComplete();
        }

        assertThat(slow.breakers().circuitBreaker("users").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void theBulkheadRefusesCallsBeyondItsLimitAtOnce() {
        StepVerifier.create(resilience.decorate("products", true, hanging())).expectSubscription()
                .then(() -> StepVerifier.create(resilience.decorate("products", true, backend("ok")))
                        .verifyErrorSatisfies(error -> assertThat(error)
                                .hasMessage("service products is unavailable: 1 calls to it are already in flight")
                                .extracting("code").isEqualTo("SERVICE_UNAVAILABLE")))
                .thenCancel().verify();

        assertThat(attempts).as("the second call never reached the backend").hasSize(1);
        assertThat(fixture.breakers().circuitBreaker("products").getMetrics().getNumberOfFailedCalls()).isZero();
    }

    /** A backend that answers each attempt with the next outcome: a failure to throw or a value to emit. */
    private Mono<String> backend(Object... outcomes) {
        return Mono.defer(() -> {
            int attempt = attempts.size();
            attempts.add(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
            Object outcome = outcomes[Math.min(attempt, outcomes.length - 1)];
            return outcome instanceof Throwable failure ? Mono.error(failure) : Mono.just((String) outcome);
        });
    }

    private Mono<String> hanging() {
        return Mono.defer(() -> {
            attempts.add(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
            return Mono.never();
        });
    }

    /** A budget measured in the virtual time of the test's schedulers. */
    private static Deadline deadline(Duration budget) {
        return Deadline.after(budget, new SchedulerClock());
    }

    /** The time of Reactor's parallel scheduler, virtual inside {@code StepVerifier.withVirtualTime}. */
    private static final class SchedulerClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
        }
    }
}
