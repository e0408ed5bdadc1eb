package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.JsonObject;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * An {@code application/problem+json} answer (RFC 9457) of the gateway itself, in the shape the security chain
 * uses for 401 and 403: {@code type}, {@code title}, {@code status}, {@code detail}, plus a machine-readable
 * {@code code} and, for backend failures, the {@code service}.
 */
record Problem(HttpStatus status, String code, String detail, @Nullable String service, @Nullable Duration retryAfter) {

    static Problem of(HttpStatus status, String code, String detail) {
        return new Problem(status, code, detail, null, null);
    }

    static Problem backend(HttpStatus status, String code, String service, String detail) {
        return new Problem(status, code, detail, service, null);
    }

    Problem retryAfter(Duration after) {
        return new Problem(status, code, detail, service, after);
    }

    Mono<Void> write(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        dev.fedbff.gateway.core.RequestLog.of(exchange.getAttributes()).error(code);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setCacheControl("no-store");
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        JsonObject body = JsonObject.of("type", "about:blank", "title", status.getReasonPhrase(), "status", status.value(),
                "detail", detail, "instance", exchange.getRequest().getPath().value(), "code", code);
        if (service != null) {
            body.put("service", service);
        }
        byte[] bytes = Json.write(body);
        headers.setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
