package dev.fedbff.gateway.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A request whose head was fine but whose body broke off mid-way (a chunk size that is not hex) is answered by Reactor
 * Netty itself: it writes 400 and closes the connection while the handler is still reading. The handler then fails
 * ({@link BrokenBodyGuard}'s error, or "Status and headers already sent" when it tries to answer too), which would be
 * logged as a 500 with a stack trace. There is nothing left to tell the client, so that failure is dropped with a debug
 * line; every other error passes on.
 */
public final class DecodingFailureHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DecodingFailureHandler.class);
    private static final String ALREADY_SENT = "Status and headers already sent";

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (answeredByTheDecoder(exchange.getResponse(), failure)) {
            log.debug("{} {} was already answered by the HTTP decoder: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure.toString());
            return Mono.empty();
        }
        return Mono.error(failure);
    }

    /** The body broke off, or Reactor Netty refused a status once its own answer went out, with exactly this complaint. */
    private static boolean answeredByTheDecoder(ServerHttpResponse response, Throwable failure) {
        boolean lateAnswer = failure instanceof BrokenBodyGuard.BrokenOff || failure instanceof IllegalStateException && ALREADY_SENT.equals(failure.getMessage());
        return lateAnswer && ServerHttpResponseDecorator.getNativeResponse(response) instanceof HttpServerResponse netty && netty.hasSentHeaders();
    }

    /** Before Spring Boot's error handler (-1), which would try to write an error body. */
    @Override
    public int getOrder() {
        return -2;
    }
}
