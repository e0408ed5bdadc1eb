package dev.fedbff.gateway.observe;

import dev.fedbff.gateway.connect.SubgraphCallException;
import dev.fedbff.gateway.core.Deadline;
import dev.fedbff.gateway.core.FetchNotes;
import dev.fedbff.gateway.core.RequestTracing;
import dev.fedbff.gateway.resilience.BackendResilience;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One timer per backend fetch, {@code fedbff.backend.fetches}, tagged with the backend ({@code service}), how it was
 * reached ({@code kind}: {@value #GRAPHQL}, {@value #REST_CONNECTOR}, {@value #PASSTHROUGH}) and how it ended
 * ({@code outcome}: {@code success}, {@code error}, {@code timeout}, {@code breaker_open}, {@code stale}). A fetch is
 * timed from outside its resilience, retries included, as the plan waited for it; a fetch the client gave up on is not
 * recorded.
 */
public final class BackendMetrics {

    public static final String GRAPHQL = "graphql";
    public static final String REST_CONNECTOR = "rest-connector";
    public static final String PASSTHROUGH = "passthrough";

    private static final java.util.Set<String> OPEN = java.util.Set.of("open", "forced_open");

    private final MeterCache<FetchTags, Timer> fetches;
    private final BackendResilience resilience;
    private final RequestTracing tracing;

    /** @param tracing one span per fetch ({@code fetch <service>}), the parent of its calls' spans */
    public BackendMetrics(MeterRegistry registry, BackendResilience resilience, RequestTracing tracing) {
        Meter.MeterProvider<Timer> fetches = Timer.builder("fedbff.backend.fetches")
                .description("Backend fetches, by service, kind (graphql, rest-connector, passthrough) and outcome")
                .publishPercentileHistogram()
                .withRegistry(registry);
        this.fetches = new MeterCache<>(tags -> fetches.withTags("service", tags.service(), "kind", tags.kind(), "outcome", tags.outcome()));
        this.resilience = resilience;
        this.tracing = tracing;
    }

    /** {@code call}, timed; {@code stale} says whether a result was a stale cached one served because the backend failed. */
    public <T> Mono<T> time(String service, String kind, Predicate<T> stale, Mono<T> call) {
        return Mono.deferContextual(context -> {
            long started = System.nanoTime();
            RequestTracing.Span span = tracing.start("fetch " + service, context).tag("service", service).tag("kind", kind);
            return call
                    .doOnNext(result -> {
                        String outcome = stale.test(result) ? "stale" : "success";
                        record(service, kind, outcome, started);
                        span.tag("outcome", outcome);
                    })
                    .doOnError(error -> {
                        String outcome = outcome(service, error);
                        record(service, kind, outcome, started);
                        span.tag("outcome", outcome);
                    })
                    .doFinally(signal -> span.end())
                    .contextWrite(span::under);
        });
    }

    /** For explain: the breaker's state and the budget a fetch gets, its backend's timeout capped by the request's deadline. */
    void noteStart(ContextView context, String service, Deadline deadline) {
        if (!context.hasKey(FetchNotes.class)) {
            return;
        }
        BackendResilience.State state = resilience.state(service);
        Duration budget = state.timeout().isZero() ? deadline.remaining() : deadline.cap(state.timeout());
        FetchNotes.started(context, state.breaker(), budget.toMillis() + " ms");
    }

    private void record(String service, String kind, String outcome, long started) {
        fetches.get(new FetchTags(service, kind, outcome)).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private record FetchTags(String service, String kind, String outcome) {
    }

    private String outcome(String service, Throwable error) {
        if (error instanceof TimeoutException || error instanceof SubgraphCallException call && "GATEWAY_TIMEOUT".equals(call.code())) {
            return "timeout";
        }
        if (error instanceof SubgraphCallException call && "SERVICE_UNAVAILABLE".equals(call.code()) && call.status() == 0
                && OPEN.contains(resilience.state(service).breaker())) {
            return "breaker_open";
        }
        return "error";
    }
}
