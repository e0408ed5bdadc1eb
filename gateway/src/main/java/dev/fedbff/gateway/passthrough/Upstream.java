package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.observe.BackendMetrics;

import org.jspecify.annotations.Nullable;

import dev.fedbff.gateway.connect.BackendCaller;
import dev.fedbff.gateway.connect.BackendFailure;
import dev.fedbff.gateway.connect.BackendRequest;
import dev.fedbff.gateway.connect.StreamedReply;
import dev.fedbff.gateway.connect.SubgraphCallException;
import dev.fedbff.gateway.core.EventLoopTimer;
import dev.fedbff.gateway.resilience.BackendResilience;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Sends passthrough requests through the one {@link BackendCaller}, streaming: the call under the backend's
 * {@link BackendResilience}, the route's timeout on the wait for the answer's headers. The body is not read here; the
 * caller streams it.
 *
 * <p>Failures follow Spring Cloud Gateway's conventions: an open breaker, no known instance or a refused connection
 * is 503 (as its load balancer and circuit-breaker filter answer, and as its fix for refused connections,
 * spring-cloud-gateway#4208, does), a timeout is 504, a backend that breaks off the exchange is 502. A backend's own
 * 5xx answer is passed on as it is, but counts against its breaker.
 */
final class Upstream {

    private final BackendCaller backends;
    private final BackendResilience resilience;
    private final @Nullable BackendMetrics metrics;

    Upstream(BackendCaller backends, BackendResilience resilience, @Nullable BackendMetrics metrics) {
        this.backends = backends;
        this.resilience = resilience;
        this.metrics = metrics;
    }

    /** The backend's answer once its headers arrive; fails with a {@link BackendFailure} for a 5xx. */
    Mono<StreamedReply> exchange(Route route, BackendRequest request) {
        String service = route.service();
        Mono<StreamedReply> call = backends.stream(request);
        Duration timeout = route.timeout();
        if (timeout != null) {
            call = call.timeout(timeout, Mono.error(() -> new SubgraphCallException(service, "GATEWAY_TIMEOUT",
                    "service " + service + " did not answer within route " + route.id() + "'s " + timeout.toMillis() + " ms", 0)),
                    EventLoopTimer.get());
        }
        Mono<StreamedReply> resilient = resilience.decorate(service, idempotent(route, request), call);
        return metrics == null ? resilient : metrics.time(service, BackendMetrics.PASSTHROUGH, reply -> false, resilient);
    }

    /** Reads without a body on a route that allows retries may be tried again; anything else is sent once. */
    private static boolean idempotent(Route route, BackendRequest request) {
        return route.retry() && request.stream() == null && (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD);
    }

    /** What the client gets when {@link #exchange} failed without a backend answer to pass on. */
    static Problem problem(Throwable error, String service) {
        if (error instanceof SubgraphCallException call) {
            if (call.status() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
                return Problem.of(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", call.getMessage());
            }
            Problem problem = Problem.backend(HttpStatus.valueOf(call.gatewayStatus()), call.code(), service, call.getMessage());
            return call.retryAfter() == null ? problem : problem.retryAfter(call.retryAfter());
        }
        if (error instanceof TimeoutException) {
            return Problem.backend(HttpStatus.GATEWAY_TIMEOUT, "GATEWAY_TIMEOUT", service, "service " + service + " did not answer in time");
        }
        if (error instanceof BackendFailure failure) {
            return Problem.backend(HttpStatus.BAD_GATEWAY, "BAD_GATEWAY", service, "service " + service + " answered "
                    + failure.status() + " with a body larger than the gateway passes on");
        }
        return Problem.backend(HttpStatus.BAD_GATEWAY, "BAD_GATEWAY", service, "service " + service + " broke off the exchange");
    }

    /** True when the backend was not reached or did not answer usefully: the failures a stale cached answer may cover. */
    static boolean backendFailed(Throwable error) {
        return !(error instanceof SubgraphCallException call) || call.backendFault();
    }
}
