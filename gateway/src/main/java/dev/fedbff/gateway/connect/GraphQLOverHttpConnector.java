package dev.fedbff.gateway.connect;

import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sends a fetch's operation to a GraphQL subgraph as a GraphQL-over-HTTP POST to {@code <address>/graphql}. */
public final class GraphQLOverHttpConnector implements SubgraphConnector {

    private final HttpTransport transport;
    private final ServiceLocator locator;

    public GraphQLOverHttpConnector(HttpTransport transport, ServiceLocator locator) {
        this.transport = transport;
        this.locator = locator;
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        String service = request.subgraph();
        return locator.locate(service)
                .switchIfEmpty(Mono.error(() -> new SubgraphCallException(service, "SERVICE_UNAVAILABLE",
                        "no address is configured for service " + service + " (set fedbff.services." + service + ")", 0)))
                .flatMap(address -> transport.send(service, HttpMethod.POST, endpoint(address), Json.write(body(request)), request.caller()))
                .map(reply -> result(service, request, reply));
    }

    private static URI endpoint(URI address) {
        String path = address.getPath();
        return path == null || path.isEmpty() || path.equals("/") ? address.resolve("/graphql") : address;
    }

    private static Map<String, Object> body(FetchRequest request) {
        Map<String, Object> variables = new LinkedHashMap<>(request.variables());
        if (request.node().entity()) {
            variables.put("representations", request.representations());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", request.node().operation());
        body.put("variables", variables);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static FetchResult result(String service, FetchRequest request, HttpTransport.Reply reply) {
        Object parsed;
        try {
            parsed = Json.read(reply.body());
        } catch (IllegalArgumentException e) {
            String code = reply.ok() ? "SUBREQUEST_MALFORMED_RESPONSE" : "SUBREQUEST_HTTP_ERROR";
            throw new SubgraphCallException(service, code, "service " + service + " answered HTTP " + reply.status() + " without a GraphQL response", reply.status());
        }
        if (!(parsed instanceof Map<?, ?> response) || !response.containsKey("data") && !response.containsKey("errors")) {
            throw new SubgraphCallException(service, "SUBREQUEST_MALFORMED_RESPONSE", "service " + service + " answered HTTP " + reply.status() + " without a GraphQL response", reply.status());
        }
        Map<String, Object> data = response.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : null;
        List<Map<String, Object>> errors = response.get("errors") instanceof List<?> e ? (List<Map<String, Object>>) e : List.of();
        if (!request.node().entity()) {
            return FetchResult.root(data == null ? Map.of() : data, errors);
        }
        Object entities = data == null ? null : data.get("_entities");
        return FetchResult.entities(entities instanceof List<?> list ? (List<Object>) list : nulls(request.representations().size()), errors);
    }

    private static List<Object> nulls(int size) {
        return java.util.Collections.nCopies(size, null);
    }
}
