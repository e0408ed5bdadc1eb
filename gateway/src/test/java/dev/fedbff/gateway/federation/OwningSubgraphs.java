package dev.fedbff.gateway.federation;

import dev.fedbff.gateway.compose.Subgraph;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.connect.RestCalls;
import dev.fedbff.gateway.connect.SubgraphConnector;
import dev.fedbff.gateway.core.JsonObject;
import graphql.language.Field;
import graphql.language.FieldDefinition;
import graphql.language.InlineFragment;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.parser.Parser;
import graphql.schema.GraphQLEnumType;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every subgraph of a supergraph, answered in process and strictly: a fetch may select only what its subgraph owns
 * (a field it defines and does not mark {@code @external}, a key field, or a field a {@code @provides} above it names);
 * anything else is recorded as a violation and left out, as a real subgraph's validation would refuse it. Each string
 * a subgraph answers is its own name, so the client's response shows which subgraph gave each string field; lists have
 * two elements, an abstract type is answered as the first member the selection or the subgraph names.
 */
final class OwningSubgraphs implements SubgraphConnector {

    private final Supergraph supergraph;
    private final List<String> violations = new CopyOnWriteArrayList<>();

    OwningSubgraphs(Supergraph supergraph) {
        this.supergraph = supergraph;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        Subgraph subgraph = supergraph.subgraph(request.subgraph());
        if (request.call() instanceof RestCalls rest) {
            return Mono.just(rest(subgraph, request, rest));
        }
        OperationDefinition operation = Parser.parse(request.graphql().operation()).getDefinitionsOfType(OperationDefinition.class).get(0);
        if (!request.entity()) {
            String root = request.write() ? "Mutation" : "Query";
            return Mono.just(FetchResult.root(JsonObject.from(object(subgraph, root, operation.getSelectionSet(), null)), List.of()));
        }
        SelectionSet selection = entitySelection(operation);
        List<Object> entities = new ArrayList<>();
        for (JsonObject representation : request.graphql().representations()) {
            String type = (String) representation.get("__typename");
            checkRepresentation(subgraph, type, representation.toMap());
            entities.add(entity(subgraph, type, selection));
        }
        return Mono.just(FetchResult.entities(entities, List.of()));
    }

    /**
     * A REST subgraph's fetch, answered from its selection as a GraphQL subgraph's would be; its representations went
     * into the calls' URLs, so only the fields asked for are checked.
     */
    private FetchResult rest(Subgraph subgraph, FetchRequest request, RestCalls rest) {
        SelectionSet selection = Parser.parse(rest.shape()).getDefinitionsOfType(OperationDefinition.class).get(0).getSelectionSet();
        if (!request.entity()) {
            return FetchResult.root(JsonObject.from(object(subgraph, request.write() ? "Mutation" : "Query", selection, null)), List.of());
        }
        String description = rest.calls().get(0).description();
        String type = subgraph.entityConnectors().entrySet().stream().filter(e -> e.getValue().describe().equals(description))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        List<Object> entities = new ArrayList<>();
        for (int i = 0; i < rest.entities(); i++) {
            entities.add(entity(subgraph, type, selection));
        }
        return FetchResult.entities(entities, List.of());
    }

    private JsonObject entity(Subgraph subgraph, String type, SelectionSet selection) {
        String concrete = concrete(subgraph, type, selection);
        Map<String, Object> entity = object(subgraph, concrete, selection, null);
        entity.put("__typename", concrete);
        return JsonObject.from(entity);
    }

    /** What an {@code _entities} call selects: the inline fragment's selection for one type, or one fragment per type. */
    private static SelectionSet entitySelection(OperationDefinition operation) {
        Field entities = (Field) operation.getSelectionSet().getSelections().get(0);
        List<Selection> selections = entities.getSelectionSet().getSelections();
        return selections.size() == 1 && selections.get(0) instanceof InlineFragment only ? only.getSelectionSet() : entities.getSelectionSet();
    }

    /** A representation names only fields the receiving subgraph has. */
    private void checkRepresentation(Subgraph subgraph, String type, Map<String, Object> representation) {
        Map<String, FieldDefinition> fields = subgraph.fields().getOrDefault(type, Map.of());
        representation.keySet().stream().filter(name -> !name.equals("__typename") && !fields.containsKey(name))
                .forEach(name -> violations.add(subgraph.name() + " was sent " + type + "." + name + " in a representation"));
    }

    private Map<String, Object> object(Subgraph subgraph, String type, SelectionSet selection, SelectionSet provided) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (Selection<?> item : selection.getSelections()) {
            if (item instanceof InlineFragment inline) {
                if (inline.getTypeCondition() == null || applies(subgraph, inline.getTypeCondition().getName(), type)) {
                    object.putAll(object(subgraph, type, inline.getSelectionSet(), provided));
                }
                continue;
            }
            Field field = (Field) item;
            if (field.getName().equals("__typename")) {
                object.put(field.getResultKey(), type);
                continue;
            }
            FieldDefinition definition = subgraph.fields().getOrDefault(type, Map.of()).get(field.getName());
            boolean owned = definition != null && (subgraph.resolves(type, field.getName()) || provides(provided, type, field.getName()));
            if (!owned) {
                violations.add(subgraph.name() + " was asked for " + type + "." + field.getName());
                continue;
            }
            SelectionSet below = subgraph.provides().get(type + "." + field.getName());
            if (below == null && provided != null) {
                below = providedBelow(provided, type, field.getName());
            }
            object.put(field.getResultKey(), value(subgraph, definition.getType(), field, below));
        }
        return object;
    }

    private Object value(Subgraph subgraph, Type<?> type, Field field, SelectionSet provided) {
        if (type instanceof NonNullType nonNull) {
            return value(subgraph, nonNull.getType(), field, provided);
        }
        if (type instanceof ListType list) {
            return List.of(value(subgraph, list.getType(), field, provided), value(subgraph, list.getType(), field, provided));
        }
        String name = ((TypeName) type).getName();
        if (field.getSelectionSet() != null) {
            String concrete = concrete(subgraph, name, field.getSelectionSet());
            Map<String, Object> object = object(subgraph, concrete, field.getSelectionSet(), provided);
            object.putIfAbsent("__typename", concrete);
            return object;
        }
        return switch (name) {
            case "String" -> subgraph.name();
            case "ID" -> "1";
            case "Int" -> 1;
            case "Float" -> 1.5;
            case "Boolean" -> true;
            default -> supergraph.schema().getType(name) instanceof GraphQLEnumType enumType ? enumType.getValues().get(0).getName() : "1";
        };
    }

    /** The object type to answer {@code type} as: itself, or for an interface or union a member the selection or subgraph names. */
    private String concrete(Subgraph subgraph, String type, SelectionSet selection) {
        Set<String> members = subgraph.possibleTypes().get(type);
        if (members == null || subgraph.interfaceObjects().contains(type)) {
            return type;
        }
        for (InlineFragment inline : selection.getSelectionsOfType(InlineFragment.class)) {
            if (inline.getTypeCondition() != null && members.contains(inline.getTypeCondition().getName())) {
                return inline.getTypeCondition().getName();
            }
        }
        return members.isEmpty() ? type : members.iterator().next();
    }

    private boolean applies(Subgraph subgraph, String condition, String type) {
        return condition.equals(type) || subgraph.possibleTypes().getOrDefault(condition, Set.of()).contains(type);
    }

    private static boolean provides(SelectionSet provided, String type, String field) {
        return providedBelow(provided, type, field) != null || provided != null && provided.getSelections().stream().anyMatch(s ->
                s instanceof Field f && f.getName().equals(field)
                        || s instanceof InlineFragment i && i.getTypeCondition() != null && i.getTypeCondition().getName().equals(type)
                        && provides(i.getSelectionSet(), type, field));
    }

    /** The part of a {@code @provides} field set under one of the fields it names (empty when the field has no selection). */
    private static SelectionSet providedBelow(SelectionSet provided, String type, String field) {
        if (provided == null) {
            return null;
        }
        for (Selection<?> selection : provided.getSelections()) {
            if (selection instanceof Field f && f.getName().equals(field)) {
                return f.getSelectionSet() == null ? SelectionSet.newSelectionSet().build() : f.getSelectionSet();
            }
            if (selection instanceof InlineFragment i && i.getTypeCondition() != null && i.getTypeCondition().getName().equals(type)) {
                SelectionSet inFragment = providedBelow(i.getSelectionSet(), type, field);
                if (inFragment != null) {
                    return inFragment;
                }
            }
        }
        return null;
    }
}
