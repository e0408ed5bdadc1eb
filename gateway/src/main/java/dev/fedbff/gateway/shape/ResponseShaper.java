package dev.fedbff.gateway.shape;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.ResponseError;
import dev.fedbff.gateway.execute.ExecutionResult;
import dev.fedbff.gateway.execute.OperationContext;
import dev.fedbff.gateway.plan.FieldCollector;
import dev.fedbff.gateway.plan.Operation;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLImplementingType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the response the client asked for from the merged results: it walks the client's operation, not the
 * data, so fields the plan added (keys, {@code __typename}) disappear, and a null in a non-null field nulls
 * the nearest nullable parent with one error at the field's path. An object of an interface is shaped by the concrete
 * type its {@code __typename} names, or, when an {@code @interfaceObject} subgraph answered it and the client asked
 * nothing type-specific, by the interface.
 */
public final class ResponseShaper {

    private static final Object INVALID = new Object();

    /** The client's response: {@code data} (null when the root was nulled), objects sized to their fields, and errors. */
    public record Shaped(JsonObject data, List<ResponseError> errors) {
    }

    /**
     * The response to the operation in {@code context} from what the execution merged; the fields ({@code Type.field})
     * the context denies the caller become {@code null} with an error at their path.
     */
    public Shaped shape(GraphQLSchema schema, OperationContext context, ExecutionResult merged) {
        Operation operation = context.operation();
        Walk walk = new Walk(schema, new FieldCollector(schema, operation.fragments(), context.variables()), merged.errors(), context.deniedFields());
        GraphQLObjectType root = operation.kind() == OperationDefinition.Operation.MUTATION ? schema.getMutationType() : schema.getQueryType();
        List<Field> operationRoot = List.of(Field.newField("").selectionSet(operation.definition().getSelectionSet()).build());
        Object data = walk.object(root, operationRoot, merged.data(), new ArrayList<>());
        return new Shaped(data instanceof JsonObject object ? object : null, List.copyOf(walk.errors));
    }

    /** One response key of a selection on one type: the field's occurrences, its definition (none for {@code __schema},
     * {@code __type} and {@code __typename}) and its coordinate {@code Type.field}. */
    private record Selected(String key, String name, List<Field> occurrences, GraphQLFieldDefinition definition, String coordinate) {
    }

    /** The state of shaping one response. */
    private static final class Walk {
        private final GraphQLSchema schema;
        private final FieldCollector collector;
        private final List<ResponseError> errors;
        private final Set<String> denied;
        private final Map<List<Field>, Map<GraphQLImplementingType, List<Selected>>> collected = new java.util.IdentityHashMap<>();

        Walk(GraphQLSchema schema, FieldCollector collector, List<ResponseError> errors, Set<String> denied) {
            this.schema = schema;
            this.collector = collector;
            this.errors = new ArrayList<>(errors);
            this.denied = denied;
        }

        /**
         * The fields the selections ask of one type, with what shaping needs of each, collected once per type and
         * selection for the whole response rather than once per object.
         */
        private List<Selected> selected(GraphQLImplementingType type, List<Field> occurrences) {
            return collected.computeIfAbsent(occurrences, o -> new java.util.HashMap<>(4)).computeIfAbsent(type, t -> {
                List<Selected> fields = new ArrayList<>();
                collector.collect(t, FieldCollector.subSelections(occurrences)).forEach((key, fieldOccurrences) -> {
                    String name = fieldOccurrences.get(0).getName();
                    GraphQLFieldDefinition definition = name.startsWith("__") ? null : t.getFieldDefinition(name);
                    fields.add(new Selected(key, name, fieldOccurrences, definition, t.getName() + "." + name));
                });
                return List.copyOf(fields);
            });
        }

        /** The object {@code value} shaped by the sub-selections of the field's {@code occurrences}. */
        Object object(GraphQLImplementingType type, List<Field> occurrences, JsonObject value, List<Object> path) {
            List<Selected> fields = selected(type, occurrences);
            JsonObject out = new JsonObject(fields.size());
            for (Selected field : fields) {
                String key = field.key();
                if (field.name().equals("__typename")) {
                    if (!(type instanceof GraphQLObjectType)) {
                        return INVALID;
                    }
                    out.add(key, type.getName());
                    continue;
                }
                if (field.definition() == null) {
                    out.add(key, value.get(key));
                    continue;
                }
                path.add(key);
                Object completed = denied.contains(field.coordinate()) ? unauthorized(field.definition(), path)
                        : complete(field.definition().getType(), field.occurrences(), value.get(key), path, field.coordinate());
                path.remove(path.size() - 1);
                if (completed == INVALID) {
                    return INVALID;
                }
                out.add(key, completed);
            }
            return out;
        }

        private Object complete(GraphQLOutputType type, List<Field> occurrences, Object value, List<Object> path, String coordinate) {
            if (type instanceof GraphQLNonNull nonNull) {
                Object completed = complete((GraphQLOutputType) nonNull.getWrappedType(), occurrences, value, path, coordinate);
                if (completed == null || completed == INVALID) {
                    nonNullViolation(path, coordinate);
                    return INVALID;
                }
                return completed;
            }
            if (value == null) {
                return null;
            }
            if (type instanceof GraphQLList list) {
                return list(list, occurrences, value, path, coordinate);
            }
            GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
            if (!(value instanceof JsonObject map)) {
                return named instanceof graphql.schema.GraphQLCompositeType ? null : value;
            }
            GraphQLImplementingType concrete = named instanceof GraphQLObjectType object ? object : concreteType(map);
            if (concrete == null) {
                concrete = interfaceObject(named, map);
            }
            if (concrete == null) {
                return null;
            }
            Object shaped = object(concrete, occurrences, map, path);
            return shaped == INVALID ? null : shaped;
        }

        private Object list(GraphQLList type, List<Field> occurrences, Object value, List<Object> path, String coordinate) {
            if (!(value instanceof List<?> items)) {
                return null;
            }
            List<Object> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                path.add(i);
                Object completed = complete((GraphQLOutputType) type.getWrappedType(), occurrences, items.get(i), path, coordinate);
                path.remove(path.size() - 1);
                if (completed == INVALID) {
                    return null;
                }
                out.add(completed);
            }
            return out;
        }

        /** A field the caller may not read: {@code null} with an error at its path (which also explains a nulled parent). */
        private Object unauthorized(GraphQLFieldDefinition definition, List<Object> path) {
            errors.add(ResponseError.at(path, "UNAUTHORIZED_FIELD_OR_TYPE", "Unauthorized field or type"));
            return definition.getType() instanceof GraphQLNonNull ? INVALID : null;
        }

        /**
         * An object an {@code @interfaceObject} subgraph returned, whose concrete type no fetch asked for (the client
         * selected only what every implementation has): shaped as the interface. Null for any other object.
         */
        private static GraphQLInterfaceType interfaceObject(GraphQLType named, JsonObject value) {
            Object typename = value.get("__typename");
            return named instanceof GraphQLInterfaceType iface && (typename == null || iface.getName().equals(typename)) ? iface : null;
        }

        private GraphQLObjectType concreteType(JsonObject value) {
            return value.get("__typename") instanceof String name && schema.getType(name) instanceof GraphQLObjectType object ? object : null;
        }

        /** One error per nulled non-null field, unless an error at or below this path already explains it. */
        private void nonNullViolation(List<Object> path, String coordinate) {
            for (ResponseError error : errors) {
                if (error.under(path)) {
                    return;
                }
            }
            errors.add(ResponseError.at(path, "NON_NULL_VIOLATION", "Cannot return null for non-nullable field " + coordinate));
        }
    }

}
