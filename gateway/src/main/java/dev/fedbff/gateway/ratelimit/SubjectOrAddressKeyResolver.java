package dev.fedbff.gateway.ratelimit;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.security.Principal;
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
                .filter(SubjectOrAddressKeyResolver::authenticated)
                .map(principal -> "user:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + address(exchange.getRequest())));
    }

    private String address(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        List<String> forwardedFor = request.getHeaders().getOrEmpty(TrustedProxies.FORWARDED_FOR);
        String client = proxies.clientAddress(peer == null ? null : peer.getAddress(), forwardedFor);
        return client == null ? "unknown" : client;
    }

    private static boolean authenticated(Principal principal) {
        if (principal instanceof Authentication authentication) {
            return authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken);
        }
        return true;
    }
}
