package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.ratelimit.RateLimitDecision;
import dev.fedbff.gateway.ratelimit.RateLimitGate;
import graphql.language.OperationDefinition;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * GraphQL over HTTP: {@code POST /graphql} with a JSON body and {@code GET /graphql?query=...} for queries.
 * Answers {@code application/graphql-response+json} when the client accepts it, else {@code application/json}.
 */
public final class GraphQLHttpHandler {

    public static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

    private final GraphQLGateway gateway;
    private final RateLimitGate rateLimits;
    private final RequestContexts contexts;

    public GraphQLHttpHandler(GraphQLGateway gateway, RateLimitGate rateLimits) {
        this(gateway, rateLimits, RequestContexts.UNLIMITED);
    }

    /** @param contexts builds each request's context: caller, budget, client, explain */
    public GraphQLHttpHandler(GraphQLGateway gateway, RateLimitGate rateLimits, RequestContexts contexts) {
        this.gateway = gateway;
        this.rateLimits = rateLimits;
        this.contexts = contexts;
    }

    public Mono<ServerResponse> handle(ServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.POST) {
            return write(request, GraphQLResponse.requestError(405, "METHOD_NOT_ALLOWED", "send queries with GET or POST, mutations with POST"));
        }
        Mono<GraphQLResponse> response = contexts.of(request.exchange())
                .flatMap(context -> request.method() == HttpMethod.GET ? get(request, context) : post(request, context));
        return response.flatMap(r -> write(request, r));
    }

    private Mono<GraphQLResponse> get(ServerRequest request, RequestContext context) {
        Object variables;
        try {
            variables = request.queryParam("variables").map(v -> Json.read(v.getBytes(StandardCharsets.UTF_8))).orElse(Map.of());
        } catch (IllegalArgumentException e) {
            return Mono.just(GraphQLResponse.requestError(400, "BAD_REQUEST", "the variables parameter is not valid JSON: " + e.getMessage()));
        }
        if (!(variables instanceof Map<?, ?> map)) {
            return Mono.just(GraphQLResponse.requestError(400, "BAD_REQUEST", "the variables parameter must be a JSON object"));
        }
        GraphQLRequest graphQLRequest = new GraphQLRequest(request.queryParam("query").orElse(null),
                request.queryParam("operationName").orElse(null), variables(map));
        return limited(request, gateway.prepare(graphQLRequest, true), context);
    }

    private Mono<GraphQLResponse> post(ServerRequest request, RequestContext context) {
        MediaType contentType = contentType(request);
        if (contentType == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(contentType) || GRAPHQL_RESPONSE.isCompatibleWith(contentType))) {
            return Mono.just(GraphQLResponse.requestError(415, "UNSUPPORTED_MEDIA_TYPE", "send the request as application/json"));
        }
        return request.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> {
                    Body body = Body.read(bytes);
                    return body.refusal() != null ? Mono.just(body.refusal()) : limited(request, gateway.prepare(body.request(), false), context);
                })
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(GraphQLResponse.requestError(413, "PAYLOAD_TOO_LARGE",
                        "the request body is larger than the gateway accepts")));
    }

    /** A POST body read once: the GraphQL request, or the request error that answers a body that is not one. */
    private record Body(@Nullable GraphQLRequest request, @Nullable GraphQLResponse refusal) {

        static Body read(byte[] bytes) {
            if (!isUtf8(bytes)) {
                return refused("the body is not valid UTF-8");
            }
            Object body;
            try {
                body = Json.read(bytes);
            } catch (IllegalArgumentException e) {
                return refused("the body is not valid JSON: " + e.getMessage());
            }
            if (!(body instanceof Map<?, ?> map)) {
                return refused("the body must be a JSON object with a query");
            }
            if (!(map.get("query") instanceof String query)) {
                return refused("the body must have a string field \"query\"");
            }
            Object variables = map.get("variables");
            if (variables != null && !(variables instanceof Map<?, ?>)) {
                return refused("\"variables\" must be a JSON object");
            }
            Object operationName = map.get("operationName");
            if (operationName != null && !(operationName instanceof String)) {
                return refused("\"operationName\" must be a string");
            }
            return new Body(new GraphQLRequest(query, (String) operationName, variables == null ? Map.of() : variables((Map<?, ?>) variables)), null);
        }

        private static Body refused(String message) {
            return new Body(null, GraphQLResponse.requestError(400, "BAD_REQUEST", message));
        }
    }

    /**
     * Executes the request once the gate allows it under {@code graphql-query} or {@code graphql-mutation}, with the
     * RateLimit headers on the response; requests refused as malformed are answered at once and not charged.
     */
    private Mono<GraphQLResponse> limited(ServerRequest request, Prepared prepared, RequestContext context) {
        OperationDefinition.Operation kind = prepared.kind();
        if (kind == null) {
            return gateway.execute(prepared, context);
        }
        return rateLimits.check(RateLimitGate.graphQLPolicy(kind.name()), request.exchange())
                .doOnNext(decision -> decision.writeHeaders(request.exchange().getResponse().getHeaders()))
                .flatMap(decision -> decision.allowed() ? gateway.execute(prepared, context) : Mono.just(tooManyRequests(decision)));
    }

    private static GraphQLResponse tooManyRequests(RateLimitDecision decision) {
        return GraphQLResponse.requestError(429, "RATE_LIMITED", "rate limit exceeded; retry after "
                + Math.max(1, decision.retryAfterSeconds()) + " s");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<?, ?> variables) {
        return (Map<String, Object>) variables;
    }

    private static Mono<ServerResponse> write(ServerRequest request, GraphQLResponse response) {
        ServerResponse.BodyBuilder builder = ServerResponse.status(HttpStatus.valueOf(response.status()))
                .contentType(acceptsGraphQLResponse(request) ? GRAPHQL_RESPONSE : MediaType.APPLICATION_JSON);
        if (response.status() == 405) {
            builder.header("Allow", request.method() == HttpMethod.GET ? "POST" : "GET, POST");
        }
        return builder.bodyValue(Json.write(response.body()));
    }

    /** JSON travels as UTF-8 (RFC 8259); the JSON parser alone lets some malformed sequences through. */
    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The request's media type; null when it has none or one that does not parse (both get 415). */
    private static @Nullable MediaType contentType(ServerRequest request) {
        try {
            return request.headers().contentType().orElse(null);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    /** An {@code Accept} header that does not parse is treated as absent: the answer is plain JSON. */
    private static boolean acceptsGraphQLResponse(ServerRequest request) {
        try {
            return request.headers().accept().stream().anyMatch(GRAPHQL_RESPONSE::equalsTypeAndSubtype);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
