package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.Json;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses {@code /graphql} request bodies larger than {@code fedbff.limits.max-request-size} with 413 and the GraphQL
 * error {@code PAYLOAD_TOO_LARGE}: at once when {@code Content-Length} says so, else (chunked bodies) as soon as the
 * bytes read pass the limit, so no oversized body is ever held in memory whole.
 */
public final class RequestSizeLimit implements WebFilter {

    private static final String PATH = "/graphql";

    private final long maxBytes;

    public RequestSizeLimit(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("fedbff.limits.max-request-size must be at least 1 byte, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!request.getPath().pathWithinApplication().value().equals(PATH)) {
            return chain.filter(exchange);
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return tooLarge(exchange);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new Limited(request, maxBytes)).build());
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.PAYLOAD_TOO_LARGE);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setConnection("close");
        byte[] body = Json.write(GraphQLResponse.requestError(413, "PAYLOAD_TOO_LARGE", "the request body is larger than the "
                + maxBytes + " bytes the gateway accepts").body());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** A request whose body fails with {@link DataBufferLimitException} once more than the limit has been read. */
    private static final class Limited extends ServerHttpRequestDecorator {

        private final long maxBytes;

        Limited(ServerHttpRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong read = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (read.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new DataBufferLimitException("the request body is larger than " + maxBytes + " bytes"));
                    return;
                }
                sink.next(buffer);
            });
        }
    }
}
