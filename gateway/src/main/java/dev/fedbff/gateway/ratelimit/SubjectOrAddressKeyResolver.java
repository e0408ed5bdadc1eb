package dev.fedbff.gateway.ratelimit;

import dev.fedbff.gateway.auth.Callers;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * {@code user:<sub>} for an authenticated caller (the verified token subject), else {@code ip:<client address>}
 * with {@code X-Forwarded-For} honoured only from trusted proxies.
 */
final class SubjectOrAddressKeyResolver implements CallerKeyResolver {

    private final TrustedProxies proxies;

    SubjectOrAddressKeyResolver(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .map(Callers::of)
                .filter(caller -> !caller.anonymous())
                .map(caller -> "user:" + caller.subject())
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + address(exchange.getRequest())));
    }

    private String address(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        List<String> forwardedFor = request.getHeaders().getOrEmpty(TrustedProxies.FORWARDED_FOR);
        String client = proxies.clientAddress(peer == null ? null : peer.getAddress(), forwardedFor);
        return client == null ? "unknown" : client;
    }
}
