package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.Caller;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.HttpClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * Sends one HTTP request to a backend over a shared, pooled Reactor Netty client. Adds the caller's identity
 * headers, and the caller's bearer token to the backends configured to receive it; never forwards any header the
 * client sent. Never resends a request by itself: whether a call may be repeated is the resilience layer's decision.
 */
public final class HttpTransport {

    /**
     * A backend's answer.
     *
     * @param retryAfter the backend's {@code Retry-After}, or null when it sent none
     */
    public record Reply(int status, @Nullable String contentType, byte[] body, @Nullable Duration retryAfter) {

        public Reply(int status, @Nullable String contentType, byte[] body) {
            this(status, contentType, body, null);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final IdentityHeaders identity;
    private final Set<String> forwardAuthorization;
    private final Clock clock;

    public HttpTransport(HttpClient client, IdentityHeaders identity) {
        this(client, identity, Set.of(), Clock.systemUTC());
    }

    /**
     * @param forwardAuthorization the services that receive the caller's {@code Authorization: Bearer} token
     * @param clock                reads {@code Retry-After} dates
     */
    public HttpTransport(HttpClient client, IdentityHeaders identity, Set<String> forwardAuthorization, Clock clock) {
        this.client = client.disableRetry(true);
        this.identity = identity;
        this.forwardAuthorization = Set.copyOf(forwardAuthorization);
        this.clock = clock;
    }

    public Mono<Reply> send(String service, HttpMethod method, URI uri, byte @Nullable [] body, Caller caller) {
        return client.request(method).uri(uri)
                .send((request, outbound) -> {
                    HttpHeaders headers = request.requestHeaders();
                    headers.set(HttpHeaderNames.ACCEPT, "application/json");
                    if (!caller.anonymous()) {
                        headers.set(identity.subject(), caller.subject());
                        headers.set(identity.roles(), String.join(",", caller.roles()));
                    }
                    if (caller.token() != null && forwardAuthorization.contains(service)) {
                        headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + caller.token());
                    }
                    if (body == null) {
                        return outbound;
                    }
                    headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    return outbound.sendByteArray(Mono.just(body));
                })
                .responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new Reply(response.status().code(), response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE), bytes,
                                RetryAfter.parse(response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER), clock))))
                .onErrorMap(HttpTransport::unanswered, e -> new SubgraphCallException(service, "SERVICE_UNAVAILABLE",
                        "service " + service + " " + describe(e), 0));
    }

    /**
     * Sends through an instance leased from {@code locator}, and releases the lease with the outcome: failed when the
     * instance did not answer or answered 5xx, succeeded on any other answer, abandoned when the call was cancelled.
     */
    static Mono<Reply> leased(Mono<InstanceLease> leases, Function<InstanceLease, Mono<Reply>> call) {
        return leases.flatMap(lease -> call.apply(lease)
                        .doOnNext(reply -> lease.release(reply.status() >= 500 ? InstanceLease.Outcome.FAILED : InstanceLease.Outcome.SUCCEEDED))
                        .doOnError(error -> lease.release(error instanceof SubgraphCallException e && e.status() == 0
                                ? InstanceLease.Outcome.FAILED : InstanceLease.Outcome.ABANDONED))
                        .doFinally(signal -> lease.release(InstanceLease.Outcome.ABANDONED)))
                .doOnDiscard(InstanceLease.class, lease -> lease.release(InstanceLease.Outcome.ABANDONED));
    }

    private static boolean unanswered(Throwable error) {
        return error instanceof IOException || error instanceof AbortedException;
    }

    /** What went wrong, in words for the client: never Netty's internal error text. */
    private static String describe(Throwable e) {
        if (e instanceof java.net.ConnectException) {
            return "is unreachable: connection refused";
        }
        if (e instanceof reactor.netty.http.client.PrematureCloseException) {
            return "closed the connection before its answer was complete";
        }
        return "broke off the exchange (" + e.getClass().getSimpleName() + ")";
    }
}
