package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.core.RequestLog;
import dev.fedbff.gateway.core.RequestTracing;
import dev.fedbff.gateway.persisted.PersistedOperations;
import dev.fedbff.gateway.ratelimit.RateLimitDecision;
import dev.fedbff.gateway.ratelimit.RateLimitGate;
import graphql.execution.RawVariables;
import graphql.language.OperationDefinition;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
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
import java.util.Optional;

/**
 * GraphQL over HTTP: {@code POST /graphql} with a JSON body and {@code GET /graphql?query=...} for queries, each
 * optionally with {@code extensions} (a JSON object: Apollo's {@code persistedQuery} is read from it). Answers as
 * {@link ResponseFormat} says for the client's {@code Accept} header.
 */
public final class GraphQLHttpHandler {

    public static final MediaType GRAPHQL_RESPONSE = ResponseFormat.GRAPHQL_RESPONSE_JSON.contentType();

    /** The request's parameters as sent, before persisted operations are resolved. */
    private record Sent(@Nullable String query, @Nullable String operationName, RawVariables variables, JsonObject extensions) {
    }

    private final GraphQLGateway gateway;
    private final RateLimitGate rateLimits;
    private final RequestContexts contexts;
    private final PersistedOperations persisted;

    public GraphQLHttpHandler(GraphQLGateway gateway, RateLimitGate rateLimits) {
        this(gateway, rateLimits, RequestContexts.UNLIMITED, PersistedOperations.none());
    }

    /**
     * @param contexts  builds each request's context: caller, budget, client, explain
     * @param persisted what {@code extensions.persistedQuery} resolves to, and which operations may run
     */
    public GraphQLHttpHandler(GraphQLGateway gateway, RateLimitGate rateLimits, RequestContexts contexts, PersistedOperations persisted) {
        this.gateway = gateway;
        this.rateLimits = rateLimits;
        this.contexts = contexts;
        this.persisted = persisted;
    }

    public Mono<ServerResponse> handle(ServerRequest request) {
        ResponseFormat format = ResponseFormat.forAccept(String.join(", ", request.headers().header(HttpHeaders.ACCEPT)));
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.POST) {
            return write(request, format, GraphQLResponse.requestError(405, "METHOD_NOT_ALLOWED", "send queries with GET or POST, mutations with POST"));
        }
        Mono<GraphQLResponse> response = contexts.of(request.exchange())
                .flatMap(context -> request.method() == HttpMethod.GET ? get(request, context, format) : post(request, context, format));
        return response.flatMap(r -> write(request, format, r));
    }

    private Mono<GraphQLResponse> get(ServerRequest request, RequestContext context, ResponseFormat format) {
        Object variables;
        Object extensions;
        try {
            variables = jsonParameter(request, "variables");
            extensions = jsonParameter(request, "extensions");
        } catch (IllegalArgumentException e) {
            return Mono.just(GraphQLResponse.requestError(400, "BAD_REQUEST", e.getMessage()));
        }
        if (!(variables instanceof Map<?, ?> variableMap)) {
            return Mono.just(GraphQLResponse.requestError(400, "BAD_REQUEST", "the variables parameter must be a JSON object"));
        }
        if (!(extensions instanceof Map<?, ?> extensionMap)) {
            return Mono.just(GraphQLResponse.requestError(400, "BAD_REQUEST", "the extensions parameter must be a JSON object"));
        }
        Sent sent = new Sent(request.queryParam("query").orElse(null), request.queryParam("operationName").orElse(null),
                variables(variableMap), JsonObject.from(extensionMap));
        if (sent.query() == null && !sent.extensions().has("persistedQuery")) {
            return Mono.just(GraphQLResponse.requestError(400, "BAD_REQUEST", "the request has no query"));
        }
        return resolved(request, sent, context, true, format);
    }

    /** A JSON-valued query parameter; an empty object when the request has none. */
    private static Object jsonParameter(ServerRequest request, String name) {
        Optional<String> value = request.queryParam(name);
        try {
            return value.map(v -> Json.read(v.getBytes(StandardCharsets.UTF_8))).orElse(Map.of());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + name + " parameter is not valid JSON: " + e.getMessage(), e);
        }
    }

    private Mono<GraphQLResponse> post(ServerRequest request, RequestContext context, ResponseFormat format) {
        MediaType contentType = contentType(request);
        if (contentType == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(contentType) || GRAPHQL_RESPONSE.isCompatibleWith(contentType))) {
            return Mono.just(GraphQLResponse.requestError(415, "UNSUPPORTED_MEDIA_TYPE", "send the request as application/json"));
        }
        return request.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> {
                    Object body = parse(bytes);
                    return body instanceof Sent sent ? resolved(request, sent, context, false, format) : Mono.just((GraphQLResponse) body);
                })
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(GraphQLResponse.requestError(413, "PAYLOAD_TOO_LARGE",
                        "the request body is larger than the gateway accepts")));
    }

    /** The body's GraphQL parameters ({@link Sent}), or the request error ({@link GraphQLResponse}) when it has none. */
    private static Object parse(byte[] bytes) {
        if (!isUtf8(bytes)) {
            return GraphQLResponse.requestError(400, "BAD_REQUEST", "the body is not valid UTF-8");
        }
        Object body;
        try {
            body = Json.read(bytes);
        } catch (IllegalArgumentException e) {
            return GraphQLResponse.requestError(400, "BAD_REQUEST", "the body is not valid JSON: " + e.getMessage());
        }
        if (!(body instanceof Map<?, ?> map)) {
            return GraphQLResponse.requestError(400, "BAD_REQUEST", "the body must be a JSON object with a query");
        }
        Object extensions = map.get("extensions");
        if (extensions != null && !(extensions instanceof Map<?, ?>)) {
            return GraphQLResponse.requestError(400, "BAD_REQUEST", "\"extensions\" must be a JSON object");
        }
        Object query = map.get("query");
        boolean persistedOnly = query == null && extensions instanceof Map<?, ?> fields && fields.containsKey("persistedQuery");
        if (!(query instanceof String) && !persistedOnly) {
            return GraphQLResponse.requestError(400, "BAD_REQUEST", "the body must have a string field \"query\"");
        }
        Object variables = map.get("variables");
        if (variables != null && !(variables instanceof Map<?, ?>)) {
            return GraphQLResponse.requestError(400, "BAD_REQUEST", "\"variables\" must be a JSON object");
        }
        Object operationName = map.get("operationName");
        if (operationName != null && !(operationName instanceof String)) {
            return GraphQLResponse.requestError(400, "BAD_REQUEST", "\"operationName\" must be a string");
        }
        return new Sent((String) query, (String) operationName,
                variables instanceof Map<?, ?> variableMap ? variables(variableMap) : RawVariables.emptyVariables(),
                extensions instanceof Map<?, ?> extensionMap ? JsonObject.from(extensionMap) : JsonObject.EMPTY);
    }

    /**
     * Runs the operation a well-formed request stands for, once its persisted query is resolved; or answers why it
     * cannot, with the status {@code format} gives such request errors.
     */
    private Mono<GraphQLResponse> resolved(ServerRequest request, Sent sent, RequestContext context, boolean readOnly, ResponseFormat format) {
        return persisted.resolve(sent.query(), sent.operationName(), sent.extensions()).flatMap(resolution -> {
            if (resolution instanceof PersistedOperations.Rejected rejected) {
                if (rejected.uncacheable()) {
                    request.exchange().getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, PersistedOperations.DO_NOT_CACHE);
                }
                return Mono.just(GraphQLResponse.requestError(rejected.status(), rejected.code(), rejected.message()));
            }
            String query = ((PersistedOperations.Run) resolution).query();
            return Mono.deferContextual(reactor -> {
                RequestTracing.Span parsing = gateway.tracing().start("graphql parse", reactor);
                Prepared prepared;
                try {
                    prepared = gateway.prepare(new GraphQLRequest(query, sent.operationName(), sent.variables()), readOnly);
                } finally {
                    parsing.end();
                }
                RequestLog.of(request.exchange().getAttributes()).graphql(prepared.operationName());
                return limited(request, prepared, context);
            });
        }).map(response -> response.withStatus(format.status(response.status())));
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

    /** The {@code variables} JSON object as graphql-java takes it: plain maps, lists and scalars under string names. */
    private static RawVariables variables(Map<?, ?> sent) {
        return RawVariables.of(JsonObject.from(sent).toMap());
    }

    private static Mono<ServerResponse> write(ServerRequest request, ResponseFormat format, GraphQLResponse response) {
        RequestLog log = RequestLog.of(request.exchange().getAttributes());
        response.errors().forEach(error -> log.error(error.code()));
        if (!log.traceId().isEmpty()) {
            response = response.withTraceId(log.traceId());
        }
        ServerResponse.BodyBuilder builder = ServerResponse.status(HttpStatus.valueOf(response.status()))
                .contentType(format.contentType());
        if (response.status() == 405) {
            builder.header("Allow", request.method() == HttpMethod.GET ? "POST" : "GET, POST");
        }
        return builder.body(response.writer());
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
}
