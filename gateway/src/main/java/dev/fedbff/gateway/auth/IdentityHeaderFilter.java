package dev.fedbff.gateway.auth;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Removes the identity headers a client sent (by default {@code X-User-Id} and {@code X-User-Roles}) before anything
 * else reads the request: backends learn who is calling only from the verified token, whichever route forwards it.
 */
public final class IdentityHeaderFilter implements WebFilter {

    private final List<String> headers;

    public IdentityHeaderFilter(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (headers.stream().noneMatch(exchange.getRequest().getHeaders()::containsHeader)) {
            return chain.filter(exchange);
        }
        ServerHttpRequest stripped = exchange.getRequest().mutate().headers(sent -> headers.forEach(sent::remove)).build();
        return chain.filter(exchange.mutate().request(stripped).build());
    }
}
