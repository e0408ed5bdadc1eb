package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.RequestThreadLocals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Answers 401, 403 and 503: a GraphQL error body on {@code /graphql}, {@code application/problem+json} elsewhere,
 * with {@code WWW-Authenticate} as RFC 6750 asks. A handler refuses a caller who lacks a role by signalling
 * {@link AccessDeniedException}; the security chain turns that into this 403. When tokens cannot be checked at all
 * (the identity provider's keys cannot be fetched) the answer is 503 and one warning in the log, not a 500.
 */
public final class AuthenticationErrors implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerAuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationErrors.class);

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        if (!(failure instanceof OAuth2AuthenticationException invalid)) {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return write(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "this endpoint needs a bearer token (Authorization: Bearer <JWT>)");
        }
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer error=\"" + invalid.getError().getErrorCode()
                + "\", error_description=\"" + sanitize(failure.getMessage()) + "\"");
        return write(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "the bearer token is not valid: " + failure.getMessage());
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException failure) {
        if (!(failure instanceof AuthenticationServiceException)) {
            return commence(exchange.getExchange(), failure);
        }
        return Mono.deferContextual(context -> {
            RequestThreadLocals.run(context, () -> log.warn("cannot verify bearer tokens: {}", failure.getMessage()));
            return write(exchange.getExchange(), HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "the gateway cannot verify bearer tokens right now; try again shortly");
        });
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        return write(exchange, HttpStatus.FORBIDDEN, "FORBIDDEN", "the token does not grant access to this resource");
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String message) {
        ServerHttpResponse response = exchange.getResponse();
        dev.fedbff.gateway.core.RequestLog log = dev.fedbff.gateway.core.RequestLog.of(exchange.getAttributes());
        log.error(code);
        response.setStatusCode(status);
        boolean graphql = exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/graphql");
        JsonObject body;
        if (graphql) {
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            GraphQLResponse refused = GraphQLResponse.requestError(status.value(), code, message);
            body = (log.traceId().isEmpty() ? refused : refused.withTraceId(log.traceId())).body();
        } else {
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            body = JsonObject.of("type", "about:blank", "title", status.getReasonPhrase(), "status", status.value(),
                    "detail", message, "code", code);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(Json.write(body))));
    }

    private static String sanitize(String text) {
        return text == null ? "" : text.replace('"', '\'').replaceAll("[\\r\\n]", " ");
    }
}
