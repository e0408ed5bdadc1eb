package dev.fedbff.gateway.passthrough;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers requests that Spring Security's firewall refuses before any route sees them (encoded slashes or dots,
 * {@code ..}, {@code ;}) with the same 400 problem+json the passthrough routes give for a path not in normal form.
 */
public final class PathRejections implements ServerExchangeRejectedHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return Problem.of(HttpStatus.BAD_REQUEST, "PATH_NOT_NORMALIZED", "the request was rejected: " + rejected.getMessage()).write(exchange);
    }
}
