package dev.fedbff.gateway.federation;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Random valid queries over a client schema, reproducible from a seed: a few root fields, each composite field with a
 * few of its fields down to a depth, required arguments always given (optional ones sometimes), some response keys
 * aliased, and on an interface or union {@code __typename} plus inline fragments on some member types, whose fields
 * carry the member's name in their alias so that fragments never clash.
 */
final class OperationGenerator {

    private final GraphQLSchema schema;
    private final Random random;
    private final int maxDepth;
    private int aliases;

    OperationGenerator(GraphQLSchema schema, long seed, int maxDepth) {
        this.schema = schema;
        this.random = new Random(seed);
        this.maxDepth = maxDepth;
    }

    String next() {
        GraphQLObjectType query = schema.getQueryType();
        List<GraphQLFieldDefinition> roots = usable(query);
        StringBuilder out = new StringBuilder("query Generated {");
        for (GraphQLFieldDefinition field : pick(roots, 1 + random.nextInt(3))) {
            out.append(' ').append(field(field, 1, ""));
        }
        return out.append(" }").toString();
    }

    private String field(GraphQLFieldDefinition field, int depth, String aliasPrefix) {
        StringBuilder out = new StringBuilder();
        if (!aliasPrefix.isEmpty() || random.nextInt(6) == 0) {
            out.append(aliasPrefix.isEmpty() ? "a" + aliases++ : aliasPrefix).append('_').append(field.getName()).append(": ");
        }
        out.append(field.getName()).append(arguments(field.getArguments()));
        GraphQLType type = GraphQLTypeUtil.unwrapAll(field.getType());
        if (type instanceof GraphQLFieldsContainer || type instanceof GraphQLUnionType) {
            out.append(' ').append(selection((GraphQLNamedType) type, depth + 1));
        }
        return out.toString();
    }

    private String selection(GraphQLNamedType type, int depth) {
        StringBuilder out = new StringBuilder("{");
        if (type instanceof GraphQLObjectType object) {
            fields(object, depth, "", out);
        } else {
            out.append(" __typename");
            if (type instanceof GraphQLInterfaceType iface) {
                fields(iface, depth, "", out);
            }
            List<GraphQLObjectType> members = type instanceof GraphQLUnionType union
                    ? union.getTypes().stream().map(t -> (GraphQLObjectType) t).toList()
                    : schema.getImplementations((GraphQLInterfaceType) type);
            for (GraphQLObjectType member : pick(members, 1 + random.nextInt(Math.max(1, members.size())))) {
                out.append(" ... on ").append(member.getName()).append(" {");
                fields(member, depth, member.getName(), out);
                out.append(" }");
            }
        }
        return out.append(" }").toString();
    }

    private void fields(GraphQLFieldsContainer type, int depth, String aliasPrefix, StringBuilder out) {
        List<GraphQLFieldDefinition> usable = usable(type).stream()
                .filter(f -> depth < maxDepth || !(GraphQLTypeUtil.unwrapAll(f.getType()) instanceof GraphQLFieldsContainer
                        || GraphQLTypeUtil.unwrapAll(f.getType()) instanceof GraphQLUnionType)).toList();
        if (usable.isEmpty()) {
            out.append(" __typename");
            return;
        }
        for (GraphQLFieldDefinition field : pick(usable, 1 + random.nextInt(4))) {
            out.append(' ').append(field(field, depth, aliasPrefix));
        }
    }

    private List<GraphQLFieldDefinition> usable(GraphQLFieldsContainer type) {
        return type.getFieldDefinitions().stream().filter(f -> !f.getName().startsWith("__")).toList();
    }

    private String arguments(List<GraphQLArgument> arguments) {
        List<String> given = new ArrayList<>();
        for (GraphQLArgument argument : arguments) {
            boolean required = argument.getType() instanceof GraphQLNonNull && !argument.hasSetDefaultValue();
            if (required || random.nextInt(3) == 0) {
                given.add(argument.getName() + ": " + value(argument.getType(), 0));
            }
        }
        return given.isEmpty() ? "" : given.stream().collect(Collectors.joining(", ", "(", ")"));
    }

    private String value(GraphQLInputType type, int depth) {
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
        if (unwrapped instanceof GraphQLList list) {
            return "[" + value((GraphQLInputType) list.getWrappedType(), depth) + "]";
        }
        if (unwrapped instanceof GraphQLEnumType enumType) {
            return enumType.getValues().get(0).getName();
        }
        if (unwrapped instanceof GraphQLInputObjectType input) {
            List<String> fields = new ArrayList<>();
            for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                if (field.getType() instanceof GraphQLNonNull && !field.hasSetDefaultValue() && depth < 5) {
                    fields.add(field.getName() + ": " + value(field.getType(), depth + 1));
                }
            }
            return "{" + String.join(", ", fields) + "}";
        }
        return switch (((GraphQLNamedType) unwrapped).getName()) {
            case "Int" -> "1";
            case "Float" -> "1.5";
            case "Boolean" -> "true";
            default -> "\"1\"";
        };
    }

    private <T> List<T> pick(List<T> from, int count) {
        List<T> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(count, copy.size()));
    }
}
