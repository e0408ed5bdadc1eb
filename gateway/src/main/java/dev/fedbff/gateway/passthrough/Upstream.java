package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.connect.InstanceLease;
import dev.fedbff.gateway.connect.ServiceLocator;
import dev.fedbff.gateway.connect.SubgraphCallException;
import dev.fedbff.gateway.resilience.BackendResilience;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Sends passthrough requests to backends over the shared Reactor Netty client: an instance leased from the
 * {@link ServiceLocator}, the call under the backend's {@link BackendResilience}, the route's timeout on the wait for
 * the answer's headers. The body is not read here; the caller streams it.
 *
 * <p>Failures follow Spring Cloud Gateway's conventions: an open breaker, no known instance or a refused connection
 * is 503 (as its load balancer and circuit-breaker filter answer, and as its fix for refused connections,
 * spring-cloud-gateway#4208, does), a timeout is 504, a backend that breaks off the exchange is 502. A backend's own
 * 5xx answer is passed on as it is, but counts against its breaker.
 */
final class Upstream {

    /** How much of a backend's 5xx answer is kept to pass on; longer ones become a 502 of the gateway's own. */
    private static final int FAILURE_BODY_LIMIT = 256 * 1024;

    private final HttpClient client;
    private final ServiceLocator locator;
    private final BackendResilience resilience;

    Upstream(HttpClient client, ServiceLocator locator, BackendResilience resilience) {
        this.client = client;
        this.locator = locator;
        this.resilience = resilience;
    }

    /** The backend's answer once its headers arrive; fails with a {@link BackendFailure} for a 5xx. */
    Mono<BackendResponse> exchange(BackendRequest request) {
        String service = request.route().service();
        Mono<BackendResponse> call = Mono.defer(() -> locator.lease(service)
                .switchIfEmpty(Mono.error(() -> new NoInstance(service)))
                .flatMap(lease -> leased(lease, send(request, lease))));
        Duration timeout = request.route().timeout();
        if (timeout != null) {
            call = call.timeout(timeout, Mono.error(() -> new SubgraphCallException(service, "GATEWAY_TIMEOUT",
                    "service " + service + " did not answer within route " + request.route().id() + "'s " + timeout.toMillis() + " ms", 0)));
        }
        return resilience.decorate(service, request.idempotent(), call);
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
        if (error instanceof NoInstance) {
            return Problem.backend(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", service, error.getMessage());
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

    /**
     * Releases the lease with the call's outcome, for the balancer's outstanding counts and ejection: failed when the
     * instance did not answer or answered 5xx, succeeded once an answer's body has been read, abandoned otherwise.
     */
    private static Mono<BackendResponse> leased(InstanceLease lease, Mono<BackendResponse> call) {
        return call
                .map(response -> response.onFinished(() -> lease.release(InstanceLease.Outcome.SUCCEEDED)))
                .doOnError(error -> lease.release(instanceFailed(error) ? InstanceLease.Outcome.FAILED : InstanceLease.Outcome.ABANDONED))
                .doOnCancel(() -> lease.release(InstanceLease.Outcome.ABANDONED));
    }

    private Mono<BackendResponse> send(BackendRequest request, InstanceLease lease) {
        String address = lease.address().toString().replaceAll("/+$", "");
        String service = request.route().service();
        return client.headers(headers -> request.headers().forEach(headers::add))
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(request.method().name()))
                .uri(URI.create(address + request.target()))
                .send((backendRequest, outbound) -> request.body() == null ? outbound : outbound.send(request.body()))
                .responseConnection((response, connection) -> answer(service, response, connection))
                .singleOrEmpty()
                .onErrorMap(error -> error instanceof IOException || error instanceof AbortedException, error -> unanswered(service, error));
    }

    private static Mono<BackendResponse> answer(String service, HttpClientResponse response, Connection connection) {
        HttpHeaders headers = new HttpHeaders();
        response.responseHeaders().forEach(header -> headers.add(header.getKey(), header.getValue()));
        int status = response.status().code();
        if (status < 500) {
            return Mono.just(new BackendResponse(status, headers, connection));
        }
        return connection.inbound().receive().asByteArray()
                .reduce(new ByteArrayOutputStream(), (body, chunk) -> {
                    if (body.size() + chunk.length > FAILURE_BODY_LIMIT) {
                        throw new BackendFailure(service, status, headers, null);
                    }
                    body.writeBytes(chunk);
                    return body;
                })
                .defaultIfEmpty(new ByteArrayOutputStream())
                .flatMap(body -> Mono.error(new BackendFailure(service, status, headers, body.toByteArray())));
    }

    /**
     * No answer, as the resilience layer knows it ({@code status} 0: counts against the breaker, and a read may be
     * retried): 503 when the backend could not be reached, 502 when it broke off the exchange.
     */
    private static SubgraphCallException unanswered(String service, Throwable error) {
        if (unreachable(error)) {
            return new SubgraphCallException(service, "SERVICE_UNAVAILABLE", "service " + service + " is unreachable", 0);
        }
        return new SubgraphCallException(service, "BAD_GATEWAY", "service " + service + " broke off the exchange", 0);
    }

    private static boolean instanceFailed(Throwable error) {
        return error instanceof BackendFailure
                || (error instanceof SubgraphCallException call && call.status() == 0 && !"GATEWAY_TIMEOUT".equals(call.code()));
    }

    private static boolean unreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /** No instance of the service is known to the locator. */
    static final class NoInstance extends RuntimeException {
        NoInstance(String service) {
            super("no instance of service " + service + " is known", null, false, false);
        }
    }
}
