package dev.fedbff.gateway.edge;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * When a chunked request body breaks off mid-way (a chunk size that is not hex), Reactor Netty answers the client 400
 * itself and then ends the body as if it were complete. A handler that streams the body on, as the REST passthrough
 * does, would send the backend a whole request made of the chunks that came before: a payment the client was told
 * failed. This guard turns that false end into an error, so the backend call is aborted and never completes.
 */
public final class BrokenBodyGuard implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getHeaders().containsHeader("Transfer-Encoding")) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new Guarded(exchange.getRequest(), exchange.getResponse())).build());
    }

    /** Whether the HTTP decoder, not the application, has already answered this exchange. */
    static boolean answeredByTheDecoder(ServerHttpResponse response) {
        return ServerHttpResponseDecorator.getNativeResponse(response) instanceof HttpServerResponse netty && netty.hasSentHeaders()
                && !response.isCommitted();
    }

    private static final class Guarded extends ServerHttpRequestDecorator {

        private final ServerHttpResponse response;

        Guarded(ServerHttpRequest request, ServerHttpResponse response) {
            super(request);
            this.response = response;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return super.getBody().concatWith(Mono.defer(() -> answeredByTheDecoder(response) ? Mono.error(new BrokenOff()) : Mono.empty()));
        }
    }

    /** Carries no stack trace: it is an answer about the client's bytes, not a fault of the gateway. */
    static final class BrokenOff extends IllegalStateException {

        BrokenOff() {
            super("the request body broke off mid-way; the HTTP decoder has answered 400");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
