package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.connect.Json;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers 401 and 403: a GraphQL error body on {@code /graphql}, {@code application/problem+json} elsewhere,
 * with {@code WWW-Authenticate} as RFC 6750 asks.
 */
public final class AuthenticationErrors implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        boolean invalid = failure instanceof OAuth2AuthenticationException;
        String challenge = invalid ? "Bearer error=\"invalid_token\", error_description=\"" + sanitize(failure.getMessage()) + "\"" : "Bearer";
        exchange.getResponse().getHeaders().set("WWW-Authenticate", challenge);
        String message = invalid ? "the bearer token is not valid: " + failure.getMessage()
                : "this endpoint needs a bearer token (Authorization: Bearer <JWT>)";
        return write(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", message);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, org.springframework.security.access.AccessDeniedException denied) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        return write(exchange, HttpStatus.FORBIDDEN, "FORBIDDEN", "the token does not grant access to this resource");
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String message) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        boolean graphql = exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/graphql");
        Map<String, Object> body;
        if (graphql) {
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            body = Map.of("errors", List.of(GraphQLResponse.error(message, code)));
        } else {
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", status.getReasonPhrase());
            body.put("status", status.value());
            body.put("detail", message);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(Json.write(body))));
    }

    private static String sanitize(String text) {
        return text == null ? "" : text.replace('"', '\'').replaceAll("[\\r\\n]", " ");
    }
}
