package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.RequestLog;
import dev.fedbff.gateway.core.RequestTracing;
import reactor.util.context.ContextView;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * Every call to a backend, whichever surface makes it (GraphQL fetches, REST connector calls, REST passthrough): pick
 * an instance of the service ({@link ServiceLocator}), lease it, send, classify the outcome, release the lease with
 * it. The load balancer learns from the outcome which instances fail: failed when the instance did not answer or
 * answered 5xx, succeeded once any other answer has been read, abandoned when the call was cancelled or timed out.
 *
 * <p>Two variants: {@link #call} reads the whole answer (a fetch needs all of it), {@link #stream} hands the answer
 * over once its headers arrive and releases the lease when its body has been read (passthrough streams it on). A
 * backend that gives no answer fails the call with {@link SubgraphCallException} ({@code status} 0):
 * {@code SERVICE_UNAVAILABLE} when it could not be reached (or no instance is known), {@code BAD_GATEWAY} when it broke
 * off the exchange. Never resends a request by itself: whether a call may be repeated is the resilience layer's decision.
 */
public final class BackendCaller {

    /** How much of a backend's 5xx answer {@link #stream} keeps to pass on; longer ones fail with an empty body. */
    static final int FAILURE_BODY_LIMIT = 256 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final String REQUEST_ID = "X-Request-Id";

    private final HttpClient buffered;
    private final HttpClient streaming;
    private final ServiceLocator locator;
    private final Clock clock;
    private final RequestTracing tracing;

    /** What a call carries besides the request: the client request's id and this call's span. */
    private record Outgoing(String requestId, RequestTracing.Span span) {
    }

    public BackendCaller(HttpClient client, ServiceLocator locator, Clock clock) {
        this(client, locator, clock, RequestTracing.NONE);
    }

    /**
     * @param client the shared, pooled client; {@link #call} asks for compressed answers and reads them decompressed,
     *               {@link #stream} passes answers on as the backend encoded them
     * @param clock   reads {@code Retry-After} dates
     * @param tracing one span per call, its trace context sent to the backend ({@code traceparent})
     */
    public BackendCaller(HttpClient client, ServiceLocator locator, Clock clock, RequestTracing tracing) {
        this.streaming = client.disableRetry(true);
        this.buffered = streaming.compress(true);
        this.locator = locator;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** The backend's whole answer. A 5xx is an answer too: the caller decides what it means. */
    public Mono<BackendReply> call(BackendRequest request) {
        return Mono.deferContextual(context -> traced(request, context, outgoing(request, context), out -> lease(request)
                .flatMap(lease -> send(buffered, request, lease.address(), out)
                        .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(EMPTY)
                                .map(bytes -> new BackendReply(response.status().code(), headers(response), bytes, clock)))
                        .onErrorMap(BackendCaller::unanswered, error -> noAnswer(request.service(), error))
                        .doOnNext(reply -> lease.release(reply.status() >= 500 ? InstanceLease.Outcome.FAILED : InstanceLease.Outcome.SUCCEEDED))
                        .doOnError(error -> lease.release(outcome(error)))
                        .doFinally(signal -> lease.release(InstanceLease.Outcome.ABANDONED)))
                .doOnDiscard(InstanceLease.class, lease -> lease.release(InstanceLease.Outcome.ABANDONED))));
    }

    /**
     * The backend's answer once its headers arrive, its body to be read once ({@link StreamedReply#body()}) or given
     * up ({@link StreamedReply#discard()}). A 5xx fails the call with {@link BackendFailure}, which holds the answer
     * to pass on and counts against the backend's breaker.
     */
    public Mono<StreamedReply> stream(BackendRequest request) {
        return Mono.deferContextual(context -> traced(request, context, outgoing(request, context), out -> lease(request)
                .flatMap(lease -> send(streaming, request, lease.address(), out)
                        .responseConnection((response, connection) -> streamed(request.service(), response, connection))
                        .singleOrEmpty()
                        .onErrorMap(BackendCaller::unanswered, error -> noAnswer(request.service(), error))
                        .map(reply -> reply.onFinished(() -> lease.release(InstanceLease.Outcome.SUCCEEDED)))
                        .doOnError(error -> lease.release(outcome(error)))
                        .doOnCancel(() -> lease.release(InstanceLease.Outcome.ABANDONED)))
                .doOnDiscard(InstanceLease.class, lease -> lease.release(InstanceLease.Outcome.ABANDONED))));
    }

    /**
     * Counts the call in its client request's {@link RequestLog} and passes the request's id on ({@code X-Request-Id}),
     * replacing whatever the client sent under that name.
     */
    private Outgoing outgoing(BackendRequest request, ContextView context) {
        RequestLog log = RequestLog.of(context);
        log.backendCall();
        RequestTracing.Span span = tracing.start("call " + request.service(), context)
                .tag("service", request.service()).tag("http.method", request.method().name());
        return new Outgoing(log.requestId(), span);
    }

    /** The call, its span ended once it has an answer, failed or was given up. */
    private static <T> Mono<T> traced(BackendRequest request, ContextView context, Outgoing out, java.util.function.Function<Outgoing, Mono<T>> call) {
        return call.apply(out)
                .doOnError(error -> out.span().tag("error", error.getClass().getSimpleName()))
                .doFinally(signal -> out.span().end());
    }

    /** An instance of the service; the request's own address when no instance is known and it has one, else a failure. */
    private Mono<InstanceLease> lease(BackendRequest request) {
        String service = request.service();
        return locator.lease(service).switchIfEmpty(Mono.defer(() -> {
            URI asWritten = request.target().whenNoInstance();
            return asWritten != null ? Mono.just(InstanceLease.untracked(asWritten))
                    : Mono.error(new SubgraphCallException(service, "SERVICE_UNAVAILABLE", "no instance of service " + service
                    + " is known (set fedbff.services." + service + " or register it)", 0));
        }));
    }

    private static HttpClient.ResponseReceiver<?> send(HttpClient client, BackendRequest request, URI instance, Outgoing out) {
        return client.headers(headers -> {
                    request.headers().forEach(headers::add);
                    if (!out.requestId().isEmpty()) {
                        headers.set(REQUEST_ID, out.requestId());
                    }
                    out.span().inject(headers::set);
                })
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(request.method().name()))
                .uri(request.target().at(instance))
                .send((outgoing, outbound) -> {
                    if (request.bytes() != null) {
                        return outbound.sendByteArray(Mono.just(request.bytes()));
                    }
                    return request.stream() == null ? outbound : outbound.send(request.stream());
                });
    }

    private static Mono<StreamedReply> streamed(String service, HttpClientResponse response, Connection connection) {
        HttpHeaders headers = headers(response);
        int status = response.status().code();
        if (status < 500) {
            return Mono.just(new StreamedReply(status, headers, connection));
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

    private static HttpHeaders headers(HttpClientResponse response) {
        HttpHeaders headers = new HttpHeaders();
        response.responseHeaders().forEach(header -> headers.add(header.getKey(), header.getValue()));
        return headers;
    }

    /** Failed when the instance did not answer or answered 5xx; abandoned when the call ended without a verdict on it. */
    private static InstanceLease.Outcome outcome(Throwable error) {
        boolean failed = error instanceof BackendFailure
                || error instanceof SubgraphCallException call && call.status() == 0 && !"GATEWAY_TIMEOUT".equals(call.code());
        return failed ? InstanceLease.Outcome.FAILED : InstanceLease.Outcome.ABANDONED;
    }

    private static boolean unanswered(Throwable error) {
        return error instanceof IOException || error instanceof AbortedException;
    }

    /** What went wrong, in words for the client: never Netty's internal error text. */
    private static SubgraphCallException noAnswer(String service, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                return new SubgraphCallException(service, "SERVICE_UNAVAILABLE", "service " + service + " is unreachable: "
                        + (cause instanceof ConnectException ? "connection refused" : cause instanceof UnknownHostException ? "unknown host" : "no route"), 0);
            }
        }
        String what = error instanceof PrematureCloseException ? "closed the connection before its answer was complete" : "broke off the exchange";
        return new SubgraphCallException(service, "BAD_GATEWAY", "service " + service + " " + what, 0);
    }

}
