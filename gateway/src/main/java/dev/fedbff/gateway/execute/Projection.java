package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.core.JsonObject;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers a GraphQL selection from a value already in schema shape (what a connector's mapping produced),
 * the way a GraphQL subgraph would: response keys with the client's aliases, {@code __typename} filled in.
 */
final class Projection {

    private Projection() {
    }

    static Object project(GraphQLType type, Object value, SelectionSet selection) {
        if (value == null) {
            return null;
        }
        if (type instanceof GraphQLNonNull nonNull) {
            return project(nonNull.getWrappedType(), value, selection);
        }
        if (type instanceof GraphQLList list) {
            if (!(value instanceof List<?> items)) {
                return null;
            }
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(item -> out.add(project(list.getWrappedType(), item, selection)));
            return out;
        }
        if (type instanceof GraphQLObjectType object && value instanceof JsonObject json && selection != null) {
            JsonObject out = new JsonObject(selection.getSelections().size());
            select(object, json, selection, out);
            return out;
        }
        return value;
    }

    private static void select(GraphQLObjectType type, JsonObject value, SelectionSet selection, JsonObject out) {
        for (Selection<?> node : selection.getSelections()) {
            if (node instanceof InlineFragment inline) {
                select(type, value, inline.getSelectionSet(), out);
                continue;
            }
            Field field = (Field) node;
            if (field.getName().equals("__typename")) {
                out.put(field.getResultKey(), type.getName());
                continue;
            }
            var definition = type.getFieldDefinition(field.getName());
            Object fieldValue = value.get(field.getName());
            out.put(field.getResultKey(), definition == null ? fieldValue : project(definition.getType(), fieldValue, field.getSelectionSet()));
        }
    }
}
