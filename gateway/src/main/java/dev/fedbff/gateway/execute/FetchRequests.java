package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.compose.Connector;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.GraphQLCall;
import dev.fedbff.gateway.connect.RestCall;
import dev.fedbff.gateway.connect.RestCalls;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.plan.FetchNode;
import graphql.execution.RawVariables;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place a plan's {@link FetchNode} becomes what a connector gets, a {@link FetchRequest}: for a GraphQL
 * subgraph the operation text, the variables it uses and the representations; for a subgraph bound with
 * {@code @connect} every REST call with its URL built from the arguments or representations, and the reader that maps
 * its JSON answer (the connector's selection, then the fetch's selection with the client's aliases). Connectors know
 * nothing of plans or the supergraph.
 */
final class FetchRequests {

    private FetchRequests() {
    }

    static FetchRequest of(Supergraph supergraph, FetchNode node, List<JsonObject> representations, OperationContext context) {
        FetchRequest.Call call = node.rest() ? rest(supergraph, node, representations, context.variables())
                : new GraphQLCall(node.operation(), variablesOf(node, context.variables()), representations);
        boolean write = !node.entity() && "Mutation".equals(node.parentType());
        return new FetchRequest(node.subgraph(), node.entity(), write, call, context.request().caller(), context.request().deadline(),
                context.request().languages());
    }

    /** The variables the fetch's operation declares, as the client sent them; one the client left out stays out. */
    private static JsonObject variablesOf(FetchNode node, RawVariables variables) {
        JsonObject used = new JsonObject(node.variables().size());
        for (String name : node.variables()) {
            if (variables.containsKey(name)) {
                used.put(name, JsonObject.fromJava(variables.get(name)));
            }
        }
        return used;
    }

    private static RestCalls rest(Supergraph supergraph, FetchNode node, List<JsonObject> representations, RawVariables variables) {
        String shape = AstPrinter.printAstCompact(node.selection());
        if (!node.entity()) {
            return new RestCalls(RestCalls.Mode.FIELDS, fieldCalls(supergraph, node, variables), 0, shape);
        }
        Connector connector = node.connectors().get(node.parentType());
        GraphQLObjectType type = supergraph.schema().getObjectType(node.parentType());
        if (!connector.batched()) {
            List<RestCall> calls = representations.stream()
                    .map(representation -> call("", connector, connector.url().expand(JsonObject.EMPTY, representation, List.of()),
                            json -> Projection.project(type, connector.selection().apply(json), node.selection())))
                    .toList();
            return new RestCalls(RestCalls.Mode.PER_ENTITY, calls, representations.size(), shape);
        }
        RestCall call = call("", connector, connector.url().expand(JsonObject.EMPTY, JsonObject.EMPTY, representations),
                json -> match(type, connector.selection().apply(json), node, representations));
        return new RestCalls(RestCalls.Mode.BATCH, List.of(call), representations.size(), shape);
    }

    private static List<RestCall> fieldCalls(Supergraph supergraph, FetchNode node, RawVariables variables) {
        GraphQLObjectType rootType = supergraph.schema().getObjectType(node.parentType());
        List<RestCall> calls = new ArrayList<>();
        for (Field field : node.selection().getSelectionsOfType(Field.class)) {
            Connector connector = node.connectors().get(field.getResultKey());
            if (connector == null) {
                continue;
            }
            GraphQLFieldDefinition definition = rootType.getFieldDefinition(field.getName());
            JsonObject args = ArgumentValues.of(definition, field.getArguments(), variables);
            calls.add(call(field.getResultKey(), connector, connector.url().expand(args, JsonObject.EMPTY, List.of()),
                    json -> Projection.project(definition.getType(), connector.selection().apply(json), field.getSelectionSet())));
        }
        return calls;
    }

    private static RestCall call(String key, Connector connector, String pathAndQuery, RestCall.RestAnswer answer) {
        String base = connector.baseUrl().replaceAll("/$", "");
        return new RestCall(key, connector.source(), connector.method(), URI.create(base + pathAndQuery), connector.describe(), answer);
    }

    /** Pairs each representation with the mapped item whose key fields equal its own. */
    private static List<Object> match(GraphQLObjectType type, Object mapped, FetchNode node, List<JsonObject> representations) {
        Map<String, JsonObject> byKey = new HashMap<>();
        if (mapped instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof JsonObject object) {
                    byKey.putIfAbsent(keyOf(object, node.requires()), object);
                }
            }
        } else if (mapped instanceof JsonObject single) {
            byKey.put(keyOf(single, node.requires()), single);
        }
        List<Object> entities = new ArrayList<>(representations.size());
        for (JsonObject representation : representations) {
            entities.add(Projection.project(type, byKey.get(keyOf(representation, node.requires())), node.selection()));
        }
        return entities;
    }

    private static String keyOf(JsonObject object, SelectionSet key) {
        StringBuilder out = new StringBuilder();
        for (Field field : key.getSelectionsOfType(Field.class)) {
            if (field.getName().equals("__typename")) {
                continue;
            }
            Object value = object.get(field.getName());
            out.append(field.getName()).append('=');
            if (field.getSelectionSet() != null && value instanceof JsonObject nested) {
                out.append('{').append(keyOf(nested, field.getSelectionSet())).append('}');
            } else {
                out.append(value).append(';');
            }
        }
        return out.toString();
    }
}
