package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.connect.BackendFailure;
import dev.fedbff.gateway.connect.BackendRequest;
import dev.fedbff.gateway.connect.StreamedReply;
import dev.fedbff.gateway.connect.SubgraphCallException;
import dev.fedbff.gateway.core.RequestThreadLocals;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.util.context.ContextView;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Forwards an admitted request. A fresh cached answer is served at once ({@code X-Cache: HIT}); otherwise the request
 * goes to the backend with both bodies streamed, never held whole. A small cacheable answer is copied into the cache
 * on its way to the client ({@code X-Cache: MISS}); when the backend fails, a stale copy within the cache's max-stale
 * is served instead ({@code X-Cache: STALE}).
 */
final class Forwarder {

    static final String X_CACHE = "X-Cache";

    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    private final Upstream upstream;
    private final ResponseCache cache;
    private final ProxyHeaders proxyHeaders;

    Forwarder(Upstream upstream, ResponseCache cache, ProxyHeaders proxyHeaders) {
        this.upstream = upstream;
        this.cache = cache;
        this.proxyHeaders = proxyHeaders;
    }

    Mono<Void> forward(Forward forward) {
        if (!forward.cacheable()) {
            return proxy(forward, null, null);
        }
        HttpHeaders requestHeaders = forward.exchange().getRequest().getHeaders();
        CacheKey key = forward.cacheKey();
        CachedResponse stored = cache.lookup(key, requestHeaders);
        if (stored != null && stored.freshAt(cache.now()) && CachePolicy.acceptsStored(requestHeaders)) {
            return serve(forward.exchange(), stored, "HIT");
        }
        boolean store = forward.exchange().getRequest().getMethod() == HttpMethod.GET && CachePolicy.allowsStore(requestHeaders);
        return proxy(forward, stored, store ? key : null);
    }

    private Mono<Void> proxy(Forward forward, @Nullable CachedResponse fallback, @Nullable CacheKey storeUnder) {
        ServerHttpRequest request = forward.exchange().getRequest();
        Route route = forward.route();
        HttpHeaders headers = proxyHeaders.toBackend(request, route, forward.caller(), route.strippedPrefix(forward.path()), storeUnder != null);
        Flux<ByteBuf> body = ProxyHeaders.hasBody(request.getHeaders()) ? limited(request.getBody(), route) : null;
        BackendRequest backendRequest = new BackendRequest(route.service(), request.getMethod(), BackendRequest.Target.path(forward.target()),
                headers, null, body);
        return upstream.exchange(route, backendRequest)
                .onErrorResume(error -> Mono.deferContextual(context -> failed(forward, unwrap(error), fallback, context)).then(Mono.<StreamedReply>empty()))
                .flatMap(response -> write(forward, response, storeUnder));
    }

    private Mono<Void> write(Forward forward, StreamedReply backend, @Nullable CacheKey storeUnder) {
        ServerWebExchange exchange = forward.exchange();
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = ProxyHeaders.toClient(backend.headers());
        HttpHeaders requestHeaders = exchange.getRequest().getHeaders();
        ResponseCache.Candidate candidate = storeUnder == null ? null
                : cache.candidate(storeUnder, forward.route().cacheTtl(), backend.status(), headers, requestHeaders);
        if (forward.cacheable()) {
            headers.set(X_CACHE, "MISS");
        }
        if (storeUnder != null && backend.status() == 200 && CachePolicy.notModified(requestHeaders.getFirst(HttpHeaders.IF_NONE_MATCH), headers.getETag())) {
            return notModifiedAfterStoring(response, backend, candidate, headers);
        }
        addMissing(headers, response.getHeaders());
        response.setStatusCode(HttpStatusCode.valueOf(backend.status()));
        Flux<ByteBuf> body = backend.body();
        if (candidate != null) {
            BodyCopy copy = new BodyCopy(cache.maxBodySize());
            body = body.doOnNext(copy::append).doOnComplete(() -> copy.bytes().ifPresent(bytes -> cache.store(candidate, bytes)));
        }
        return response.writeWith(body.map(buffer -> wrap(response.bufferFactory(), buffer)))
                .doOnCancel(backend::discard)
                .doOnError(error -> backend.discard());
    }

    /**
     * The client already holds this representation (the gateway answers {@code If-None-Match} itself on cached routes):
     * read the body into the cache if it may be stored, and answer 304.
     */
    private Mono<Void> notModifiedAfterStoring(ServerHttpResponse response, StreamedReply backend, ResponseCache.@Nullable Candidate candidate,
                                               HttpHeaders headers) {
        if (candidate == null) {
            backend.discard();
            return notModified(response, headers);
        }
        BodyCopy copy = new BodyCopy(cache.maxBodySize());
        return backend.body()
                .doOnNext(buffer -> {
                    copy.append(buffer);
                    buffer.release();
                })
                .takeUntil(buffer -> copy.overflowed())
                .then(Mono.fromRunnable(() -> copy.bytes().ifPresentOrElse(bytes -> cache.store(candidate, bytes), backend::discard)))
                .then(Mono.defer(() -> notModified(response, headers)));
    }

    private static Mono<Void> notModified(ServerHttpResponse response, HttpHeaders headers) {
        addMissing(withoutRepresentation(headers), response.getHeaders());
        response.setStatusCode(HttpStatus.NOT_MODIFIED);
        return response.setComplete();
    }

    private Mono<Void> serve(ServerWebExchange exchange, CachedResponse stored, String mark) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(stored.headers());
        headers.set(HttpHeaders.AGE, Long.toString(stored.ageSeconds(cache.now())));
        headers.set(X_CACHE, mark);
        if (CachePolicy.notModified(exchange.getRequest().getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH), stored.etag())) {
            return notModified(response, headers);
        }
        headers.setContentLength(stored.body().length);
        addMissing(headers, response.getHeaders());
        response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
        if (exchange.getRequest().getMethod() == HttpMethod.HEAD) {
            return response.setComplete();
        }
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(stored.body())));
    }

    /** The answer when the backend gave none to pass on; the log line carries the request's trace ids ({@code context}). */
    private Mono<Void> failed(Forward forward, Throwable error, @Nullable CachedResponse fallback, ContextView context) {
        String service = forward.route().service();
        if (fallback != null && Upstream.backendFailed(error) && fallback.usableAt(cache.now())) {
            RequestThreadLocals.run(context, () -> log.info("route {}: serving a stale cached answer: {}", forward.route().id(), describe(error)));
            return serve(forward.exchange(), fallback, "STALE");
        }
        if (error instanceof BackendFailure failure && failure.body() != null) {
            return replay(forward.exchange().getResponse(), failure, failure.body());
        }
        Problem problem = Upstream.problem(error, service);
        RequestThreadLocals.run(context, () -> log.info("route {}: answered {}: {}", forward.route().id(), problem.status().value(), describe(error)));
        return problem.write(forward.exchange());
    }

    /** The backend's own 5xx answer, as it sent it. */
    private static Mono<Void> replay(ServerHttpResponse response, BackendFailure failure, byte[] body) {
        HttpHeaders headers = ProxyHeaders.toClient(failure.headers());
        headers.setContentLength(body.length);
        addMissing(headers, response.getHeaders());
        response.setStatusCode(HttpStatusCode.valueOf(failure.status()));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /** The client's body as Netty buffers, failing with 413 as soon as it grows past the route's limit. */
    private static Flux<ByteBuf> limited(Flux<DataBuffer> body, Route route) {
        long limit = route.maxRequestSize();
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong();
            return body.handle((DataBuffer buffer, SynchronousSink<ByteBuf> sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                    DataBufferUtils.release(buffer);
                    sink.error(tooLarge(route));
                    return;
                }
                sink.next(NettyDataBufferFactory.toByteBuf(buffer));
            });
        });
    }

    static SubgraphCallException tooLarge(Route route) {
        return new SubgraphCallException(route.service(), "PAYLOAD_TOO_LARGE", "the request body is larger than the "
                + route.maxRequestSize() + " bytes that route " + route.id() + " accepts", HttpStatus.PAYLOAD_TOO_LARGE.value());
    }

    private static DataBuffer wrap(DataBufferFactory factory, ByteBuf buffer) {
        if (factory instanceof NettyDataBufferFactory netty) {
            return netty.wrap(buffer);
        }
        try {
            return factory.wrap(ByteBufUtil.getBytes(buffer));
        } finally {
            buffer.release();
        }
    }

    /** Copies headers the gateway has not set itself (rate-limit headers, for one, stay the gateway's). */
    private static void addMissing(HttpHeaders from, HttpHeaders to) {
        from.forEach((name, values) -> {
            if (!to.containsHeader(name)) {
                to.addAll(name, values);
            }
        });
    }

    /** A 304 carries the validators and caching headers, not the representation's metadata. */
    private static HttpHeaders withoutRepresentation(HttpHeaders headers) {
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.CONTENT_TYPE);
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        return headers;
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = Exceptions.unwrap(error);
        while (Exceptions.isRetryExhausted(cause) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
