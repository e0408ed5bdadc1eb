package dev.fedbff.gateway.ratelimit;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Who is calling: the key whose buckets a request draws from, such as {@code user:42} or {@code ip:203.0.113.7}. */
@FunctionalInterface
public interface CallerKeyResolver {

    /** Emits exactly one key. */
    Mono<String> resolve(ServerWebExchange exchange);
}
