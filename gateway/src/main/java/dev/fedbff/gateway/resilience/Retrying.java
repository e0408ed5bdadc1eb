package dev.fedbff.gateway.resilience;

import dev.fedbff.gateway.core.Deadline;
import dev.fedbff.gateway.core.EventLoopTimer;
import io.github.resilience4j.retry.Retry;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Resubscribes to a failed read as its Resilience4j {@link Retry} allows (which failures, how many attempts, how long
 * to wait), but never waits past the request's deadline: a wait longer than the budget left gives up at once with
 * the last failure. Resilience4j's own operator cannot see a per-request deadline; this one reports to the same
 * {@link Retry}, so its events and metrics stay the same.
 */
final class Retrying {

    private Retrying() {
    }

    static <T> Mono<T> retry(Retry retry, Deadline deadline, Mono<T> attempt) {
        return Mono.defer(() -> {
            Retry.AsyncContext<T> context = retry.asyncContext();
            return attempt
                    .retryWhen(reactor.util.retry.Retry.from(signals -> signals.concatMap(signal -> {
                        Throwable failure = signal.failure();
                        long wait = context.onError(failure);
                        if (wait < 0 || deadline.remaining().toMillis() <= wait) {
                            return Mono.error(failure);
                        }
                        return Mono.delay(Duration.ofMillis(wait), EventLoopTimer.get());
                    })))
                    .doOnSuccess(result -> context.onComplete());
        });
    }
}
