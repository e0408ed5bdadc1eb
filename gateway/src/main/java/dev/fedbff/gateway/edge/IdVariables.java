package dev.fedbff.gateway.edge;

import graphql.Scalars;
import graphql.execution.RawVariables;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.VariableDefinition;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.TypeUtil;
import org.jspecify.annotations.Nullable;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Checks what graphql-java lets through: its {@code ID} input coercion takes any value (an object or a list becomes
 * its {@code toString}), where the GraphQL spec, and Apollo Router, accept only a string or an integer. A variable,
 * or an input object field or list element inside one, holding anything else for an {@code ID} is refused.
 */
final class IdVariables {

    private IdVariables() {
    }

    /** @throws CoercingParseValueException naming the variable when an {@code ID} value is neither a string nor an integer */
    static void check(GraphQLSchema schema, List<VariableDefinition> definitions, RawVariables values) {
        for (VariableDefinition definition : definitions) {
            GraphQLType type = schema.getType(TypeUtil.unwrapAll(definition.getType()).getName());
            if (type != null) {
                check(definition.getName(), wrap(definition.getType(), (GraphQLInputType) type), values.get(definition.getName()));
            }
        }
    }

    /** The declared type, {@code [ID!]!} say, around the schema's named type. */
    private static GraphQLInputType wrap(Type<?> declared, GraphQLInputType named) {
        if (declared instanceof NonNullType nonNull) {
            return GraphQLNonNull.nonNull(wrap(nonNull.getType(), named));
        }
        if (declared instanceof ListType list) {
            return GraphQLList.list(wrap(list.getType(), named));
        }
        return named;
    }

    private static void check(String variable, GraphQLType type, @Nullable Object value) {
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
        if (value == null) {
            return;
        }
        if (unwrapped instanceof GraphQLList list) {
            List<?> elements = value instanceof List<?> sent ? sent : List.of(value);
            elements.forEach(element -> check(variable, list.getWrappedType(), element));
            return;
        }
        if (unwrapped instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
            object.getFieldDefinitions().forEach(field -> check(variable, field.getType(), fields.get(field.getName())));
            return;
        }
        if (unwrapped instanceof GraphQLScalarType scalar && scalar.getName().equals(Scalars.GraphQLID.getName()) && !isId(value)) {
            throw new CoercingParseValueException("Variable '" + variable + "' has an invalid value: an ID must be a string or an integer, but it was a '"
                    + kind(value) + "'");
        }
    }

    private static boolean isId(Object value) {
        return value instanceof String || value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    private static String kind(Object value) {
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        if (value instanceof List<?>) {
            return "list";
        }
        return value.getClass().getSimpleName();
    }
}
