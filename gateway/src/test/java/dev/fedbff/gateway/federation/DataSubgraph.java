package dev.fedbff.gateway.federation;

import dev.fedbff.testsupport.RecordingBackend;
import com.apollographql.federation.graphqljava.Federation;
import com.sun.net.httpserver.HttpExchange;
import dev.fedbff.gateway.core.Json;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarWiringEnvironment;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A real GraphQL subgraph for conformance tests: the case's SDL made executable by federation-jvm, answering from
 * the case's JSON data over real HTTP on port 0, recording every request it receives.
 * <p>
 * Data: {@code {"Query": {"me": {...}, "product(upc:\"1\")": {...}}, "entities": {"Product": [{...}]}}}. A root field
 * reads its key with arguments first, then its bare name; other fields read their map key the same way. An
 * {@code _entities} representation matches the entity of its type whose fields equal every representation field
 * the entity has; the answer is the entity plus the representation's fields. A representation of an entity interface
 * ({@code {"__typename": "Media", "id": "b1"}}) is looked up among the implementations' entities and answered as the
 * implementation it found ({@code "__typename": "Book"}), as a federation-jvm or DGS entity fetcher for the interface
 * does; an {@code @interfaceObject} type is an object type here and answers as itself.
 * <p>
 * A subgraph bound to REST endpoints with connector directives ({@code @connect}) is a plain HTTP server instead:
 * data {@code {"GET": {"/prices?ids=p1,p2": [...]}}} answers each GET by its path and query, and an unknown one with 404;
 * its calls are recorded as {@code GET /prices?ids=p1,p2}.
 */
final class DataSubgraph implements AutoCloseable {

    /** One request as the subgraph received it. */
    record Call(String subgraph, String query, Map<String, Object> variables) {
    }

    private final String name;
    private final Map<String, Object> data;
    private final GraphQL graphQL;
    private final RecordingBackend server;
    private final List<Call> calls = new ArrayList<>();

    DataSubgraph(String name, String sdl, Map<String, Object> data) throws IOException {
        this.name = name;
        this.data = data;
        boolean rest = sdl.contains("@connect(");
        this.graphQL = rest ? null : GraphQL.newGraphQL(Federation.transform(asDefinitions(sdl), wiring())
                .fetchEntities(env -> representations(env.getGraphQLSchema(), env.getArgument("representations")))
                .resolveEntityType(typeByName())
                .build()).build();
        this.server = new RecordingBackend(name, 0).handle(rest ? "/" : "/graphql", rest ? this::handleRest : this::handle);
    }

    /**
     * Federation 1 subgraphs extend types they do not define ({@code extend type User @key(...)}); graphql-java needs
     * a definition, so each such extension becomes one.
     */
    private static String asDefinitions(String sdl) {
        return sdl.replaceAll("(?m)^extend type ", "type ");
    }

    URI address() {
        return server.address();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    @SuppressWarnings("unchecked")
    private void handle(HttpExchange exchange) throws IOException {
        Map<String, Object> request;
        try (InputStream in = exchange.getRequestBody()) {
            request = (Map<String, Object>) Json.read(in.readAllBytes());
        }
        Map<String, Object> variables = request.get("variables") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of();
        synchronized (this) {
            calls.add(new Call(name, (String) request.get("query"), variables));
        }
        ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput((String) request.get("query")).variables(variables).build());
        byte[] body = Json.write(result.toSpecification());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void handleRest(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String target = uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
        String method = exchange.getRequestMethod();
        synchronized (this) {
            calls.add(new Call(name, method + " " + target, Map.of()));
        }
        Object answer = data.get(method) instanceof Map<?, ?> byTarget ? byTarget.get(target) : null;
        byte[] body = answer == null ? new byte[0] : Json.write(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer == null ? 404 : 200, answer == null ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private RuntimeWiring wiring() {
        return RuntimeWiring.newRuntimeWiring().wiringFactory(new WiringFactory() {
            @Override
            public boolean providesDataFetcher(FieldWiringEnvironment environment) {
                return true;
            }

            @Override
            public DataFetcher<?> getDataFetcher(FieldWiringEnvironment environment) {
                String parent = environment.getParentType().getName();
                String field = environment.getFieldDefinition().getName();
                if (parent.equals("Query") || parent.equals("Mutation")) {
                    return env -> lookup(data.get(parent), field, env.getArguments());
                }
                return env -> lookup(env.getSource(), field, env.getArguments());
            }

            @Override
            public boolean providesTypeResolver(InterfaceWiringEnvironment environment) {
                return true;
            }

            @Override
            public TypeResolver getTypeResolver(InterfaceWiringEnvironment environment) {
                return typeByName();
            }

            @Override
            public boolean providesTypeResolver(UnionWiringEnvironment environment) {
                return true;
            }

            @Override
            public TypeResolver getTypeResolver(UnionWiringEnvironment environment) {
                return typeByName();
            }

            @Override
            public boolean providesScalar(ScalarWiringEnvironment environment) {
                String scalar = environment.getScalarTypeDefinition().getName();
                return !graphql.schema.idl.ScalarInfo.isGraphqlSpecifiedScalar(scalar)
                        && !scalar.startsWith("_") && !scalar.contains("__") && !scalar.equals("FieldSet") && !scalar.equals("Import");
            }

            @Override
            public GraphQLScalarType getScalar(ScalarWiringEnvironment environment) {
                return GraphQLScalarType.newScalar().name(environment.getScalarTypeDefinition().getName())
                        .coercing(new PassThrough()).build();
            }
        }).build();
    }

    private static TypeResolver typeByName() {
        return env -> env.getObject() instanceof Map<?, ?> map && map.get("__typename") instanceof String type
                ? env.getSchema().getObjectType(type) : null;
    }

    private static Object lookup(Object source, String field, Map<String, Object> arguments) {
        if (!(source instanceof Map<?, ?> map)) {
            return null;
        }
        if (!arguments.isEmpty()) {
            String withArguments = field + "(" + new TreeMap<>(arguments).entrySet().stream()
                    .map(e -> e.getKey() + ":" + new String(Json.write(e.getValue()))).collect(Collectors.joining(",")) + ")";
            if (map.containsKey(withArguments)) {
                return map.get(withArguments);
            }
        }
        return map.get(field);
    }

    @SuppressWarnings("unchecked")
    private List<Object> representations(GraphQLSchema schema, List<Map<String, Object>> representations) {
        List<Object> answers = new ArrayList<>();
        for (Map<String, Object> representation : representations) {
            String type = (String) representation.get("__typename");
            List<Map<String, Object>> candidates = candidates(schema, type);
            Map<String, Object> found = candidates.stream().filter(candidate -> matches(candidate, representation)).findFirst().orElse(null);
            if (found == null) {
                answers.add(null);
                continue;
            }
            Map<String, Object> answer = new LinkedHashMap<>(representation);
            answer.putAll(found);
            answer.put("__typename", found.getOrDefault("__typename", type));
            answers.add(answer);
        }
        return answers;
    }

    /** The entities of a type; for an interface, those of every implementation, each marked with its type. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> candidates(GraphQLSchema schema, String type) {
        Map<String, Object> entities = data.get("entities") instanceof Map<?, ?> e ? (Map<String, Object>) e : Map.of();
        if (!(schema.getType(type) instanceof graphql.schema.GraphQLInterfaceType iface)) {
            return entities.get(type) instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        }
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (graphql.schema.GraphQLObjectType implementation : schema.getImplementations(iface)) {
            for (Map<String, Object> entity : candidates(schema, implementation.getName())) {
                Map<String, Object> typed = new LinkedHashMap<>(entity);
                typed.putIfAbsent("__typename", implementation.getName());
                candidates.add(typed);
            }
        }
        return candidates;
    }

    private static boolean matches(Map<String, Object> entity, Map<String, Object> representation) {
        boolean any = false;
        for (Map.Entry<String, Object> field : representation.entrySet()) {
            if (field.getKey().equals("__typename") || !entity.containsKey(field.getKey())) {
                continue;
            }
            if (!String.valueOf(entity.get(field.getKey())).equals(String.valueOf(field.getValue()))) {
                return false;
            }
            any = true;
        }
        return any;
    }

    @Override
    public void close() {
        server.close();
    }

    /** A custom scalar that passes values through unchanged. */
    private static final class PassThrough implements Coercing<Object, Object> {
        @Override
        @SuppressWarnings("deprecation")
        public Object serialize(Object value) {
            return value;
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object parseValue(Object input) {
            return input;
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object parseLiteral(Object input) {
            return input instanceof graphql.language.StringValue s ? s.getValue() : input;
        }
    }
}
