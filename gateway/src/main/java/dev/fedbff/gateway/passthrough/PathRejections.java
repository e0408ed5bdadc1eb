package dev.fedbff.gateway.passthrough;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * Answers requests that Spring Security's firewall refuses before any route sees them (encoded slashes or dots,
 * {@code ..}, {@code ;}) with the same 400 problem+json the passthrough routes give for a path not in normal form;
 * a method the firewall does not know ({@code TRACE}, {@code CONNECT}, made-up ones) gets 501 as RFC 9110 asks.
 */
public final class PathRejections implements ServerExchangeRejectedHandler {

    /** The methods Spring Security's strict firewall lets through. */
    private static final Set<HttpMethod> KNOWN_METHODS = Set.of(HttpMethod.DELETE, HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PATCH, HttpMethod.POST, HttpMethod.PUT);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!KNOWN_METHODS.contains(method)) {
            return Problem.of(HttpStatus.NOT_IMPLEMENTED, "METHOD_NOT_IMPLEMENTED", "the gateway does not implement the method " + method.name())
                    .write(exchange);
        }
        return Problem.of(HttpStatus.BAD_REQUEST, "PATH_NOT_NORMALIZED", "the request was rejected: " + rejected.getMessage()).write(exchange);
    }
}
