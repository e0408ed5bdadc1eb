package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.compose.Connector;
import dev.fedbff.gateway.plan.FetchNode;
import graphql.language.Field;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves fetches of subgraphs bound to REST endpoints with {@code @connect}: builds each URL from its
 * template, calls the backend, maps the JSON with the connector's selection, and answers the fetch's
 * selection from the result. An entity fetch with {@code $batch} makes one call for all representations
 * and matches the items back to them by key.
 */
public final class RestConnector implements SubgraphConnector {

    private final HttpTransport transport;
    private final ServiceLocator locator;

    public RestConnector(HttpTransport transport, ServiceLocator locator) {
        this.transport = transport;
        this.locator = locator;
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        return request.node().entity() ? entities(request) : roots(request);
    }

    private Mono<FetchResult> roots(FetchRequest request) {
        FetchNode node = request.node();
        GraphQLObjectType rootType = request.supergraph().schema().getObjectType(node.parentType());
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Mono<Void>> calls = new ArrayList<>();
        for (Field field : node.selection().getSelectionsOfType(Field.class)) {
            Connector connector = node.connectors().get(field.getResultKey());
            if (connector == null) {
                continue;
            }
            GraphQLFieldDefinition definition = rootType.getFieldDefinition(field.getName());
            Map<String, Object> args = ArgumentValues.of(definition, field.getArguments(), request.variables());
            calls.add(call(connector, connector.url().expand(args, Map.of(), List.of()), request.caller())
                    .doOnNext(json -> put(data, field.getResultKey(), Projection.project(definition.getType(), connector.selection().apply(json), field.getSelectionSet())))
                    .onErrorResume(RestConnector::requestFault, e -> Mono.fromRunnable(() -> failed(data, errors, field.getResultKey(), (SubgraphCallException) e)))
                    .then());
        }
        return Flux.merge(calls).then(Mono.fromSupplier(() -> FetchResult.root(data, errors)));
    }

    /**
     * A failure the request caused (a 4xx, an answer that does not map) stays an error at its own field; a backend
     * that did not answer or answered 5xx fails the whole fetch, so the resilience around it counts it and may retry.
     */
    private static boolean requestFault(Throwable error) {
        return error instanceof SubgraphCallException call && !call.backendFault();
    }

    private Mono<FetchResult> entities(FetchRequest request) {
        FetchNode node = request.node();
        Connector connector = node.connectors().get(node.parentType());
        GraphQLObjectType type = request.supergraph().schema().getObjectType(node.parentType());
        List<Map<String, Object>> representations = request.representations();
        if (!connector.batched()) {
            return Flux.fromIterable(representations)
                    .flatMapSequential(rep -> call(connector, connector.url().expand(Map.of(), rep, List.of()), request.caller())
                            .map(json -> project(type, connector.selection().apply(json), node.selection())))
                    .collectList().map(entities -> FetchResult.entities(entities, List.of()));
        }
        return call(connector, connector.url().expand(Map.of(), Map.of(), representations), request.caller())
                .map(json -> FetchResult.entities(match(type, connector.selection().apply(json), node, representations), List.of()));
    }

    /** Pairs each representation with the mapped item whose key fields equal its own. */
    private static List<Object> match(GraphQLObjectType type, Object mapped, FetchNode node, List<Map<String, Object>> representations) {
        Map<String, Object> byKey = new HashMap<>();
        if (mapped instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> map) {
                    byKey.putIfAbsent(keyOf(map, node.requires()), item);
                }
            }
        } else if (mapped instanceof Map<?, ?> single) {
            byKey.put(keyOf(single, node.requires()), single);
        }
        List<Object> entities = new ArrayList<>(representations.size());
        for (Map<String, Object> representation : representations) {
            entities.add(project(type, byKey.get(keyOf(representation, node.requires())), node.selection()));
        }
        return entities;
    }

    private static String keyOf(Map<?, ?> object, SelectionSet key) {
        StringBuilder out = new StringBuilder();
        for (Field field : key.getSelectionsOfType(Field.class)) {
            if (field.getName().equals("__typename")) {
                continue;
            }
            Object value = object.get(field.getName());
            out.append(field.getName()).append('=');
            if (field.getSelectionSet() != null && value instanceof Map<?, ?> nested) {
                out.append('{').append(keyOf(nested, field.getSelectionSet())).append('}');
            } else {
                out.append(value).append(';');
            }
        }
        return out.toString();
    }

    private static Object project(GraphQLObjectType type, Object value, SelectionSet selection) {
        return Projection.project(type, value, selection);
    }

    private Mono<Object> call(Connector connector, String pathAndQuery, Caller caller) {
        String service = connector.source();
        Mono<InstanceLease> lease = locator.lease(service)
                .switchIfEmpty(Mono.fromSupplier(() -> InstanceLease.untracked(URI.create(connector.baseUrl()))));
        return HttpTransport.leased(lease, instance -> transport.send(service, HttpMethod.valueOf(connector.method()),
                        target(instance.address(), connector.baseUrl(), pathAndQuery), null, caller))
                .handle((reply, sink) -> {
                    Object json = body(service, connector, reply);
                    if (json != null) {
                        sink.next(json);
                    }
                });
    }

    private static URI target(URI address, String baseUrl, String pathAndQuery) {
        String basePath = URI.create(baseUrl).getRawPath();
        String prefix = basePath == null ? "" : basePath.replaceAll("/$", "");
        String authority = address.getScheme() + "://" + address.getRawAuthority();
        return URI.create(authority + prefix + pathAndQuery);
    }

    private static Object body(String service, Connector connector, HttpTransport.Reply reply) {
        if (!reply.ok()) {
            throw new SubgraphCallException(service, "SUBREQUEST_HTTP_ERROR", service + " answered HTTP " + reply.status()
                    + " to " + connector.describe() + detail(reply), reply.status(), reply.retryAfter());
        }
        try {
            return Json.read(reply.body());
        } catch (IllegalArgumentException e) {
            throw new SubgraphCallException(service, "SUBREQUEST_MALFORMED_RESPONSE", service + " answered " + connector.describe()
                    + " with a body that is not JSON", reply.status());
        }
    }

    private static String detail(HttpTransport.Reply reply) {
        try {
            return Json.read(reply.body()) instanceof Map<?, ?> problem && problem.get("detail") instanceof String detail ? ": " + detail : "";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static synchronized void put(Map<String, Object> data, String key, Object value) {
        data.put(key, value);
    }

    private static synchronized void failed(Map<String, Object> data, List<Map<String, Object>> errors, String key, SubgraphCallException e) {
        data.put(key, null);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", e.getMessage());
        error.put("path", List.of(key));
        error.put("extensions", Map.of("code", e.code(), "serviceName", e.service(), "http", Map.of("status", e.status())));
        errors.add(error);
    }
}
