package dev.fedbff.benchmarks.server;

import dev.fedbff.gateway.core.Json;
import graphql.ExecutionInput;
import graphql.GraphQL;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One subgraph over GraphQL-over-HTTP ({@code POST /graphql}) on Reactor Netty, answering from a cache whose key is
 * the request body: the first request with a body runs graphql-java, every later one is a map look-up and a write, so
 * the subgraphs never limit the gateway under test. {@code GET /health} answers 200.
 */
public final class CachingGraphQLServer implements AutoCloseable {

    /** More distinct bodies than any gateway sends for the benchmark query; past this, answers are computed, not kept. */
    private static final int MAX_CACHED = 10_000;

    private final GraphQL graphQL;
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
    private final DisposableServer server;

    public CachingGraphQLServer(GraphQL graphQL, String host, int port) {
        this.graphQL = graphQL;
        this.server = HttpServer.create().host(host).port(port)
                .route(routes -> routes
                        .post("/graphql", this::graphql)
                        .get("/health", (request, response) -> response.sendString(Mono.just("OK"))))
                .bindNow();
    }

    public int port() {
        return server.port();
    }

    private Publisher<Void> graphql(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> response.status(HttpResponseStatus.OK)
                        .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .sendByteArray(Mono.just(answer(body))).then());
    }

    private byte[] answer(String body) {
        byte[] cached = answers.get(body);
        if (cached != null) {
            return cached;
        }
        byte[] computed = execute(body);
        if (answers.size() < MAX_CACHED) {
            answers.putIfAbsent(body, computed);
        }
        return computed;
    }

    @SuppressWarnings("unchecked")
    private byte[] execute(String body) {
        Map<String, Object> request;
        try {
            request = Json.read(body.getBytes(StandardCharsets.UTF_8)) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (IllegalArgumentException e) {
            return Json.write(Map.of("errors", List.of(Map.of("message", "the body is not JSON: " + e.getMessage()))));
        }
        Object query = request.get("query");
        Map<String, Object> variables = request.get("variables") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of();
        ExecutionInput.Builder input = ExecutionInput.newExecutionInput(query instanceof String text ? text : "").variables(variables);
        if (request.get("operationName") instanceof String operationName) {
            input.operationName(operationName);
        }
        return Json.write(graphQL.execute(input.build()).toSpecification());
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
