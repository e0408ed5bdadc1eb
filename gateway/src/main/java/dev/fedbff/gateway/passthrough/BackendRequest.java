package dev.fedbff.gateway.passthrough;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;

/**
 * One request as the backend gets it.
 *
 * @param target  the backend path and query, still percent-encoded, e.g. {@code /users/42?x=1}
 * @param body    the client's body, streamed; null when the request has none
 */
record BackendRequest(Route route, HttpMethod method, String target, HttpHeaders headers, @Nullable Flux<ByteBuf> body) {

    /** Reads without a body on a route that allows retries may be tried again; anything else is sent once. */
    boolean idempotent() {
        return route.retry() && body == null && (method == HttpMethod.GET || method == HttpMethod.HEAD);
    }
}
