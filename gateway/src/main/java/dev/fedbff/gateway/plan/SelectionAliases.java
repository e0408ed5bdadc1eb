package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.compose.Supergraph;
import graphql.language.Field;
import graphql.language.FieldDefinition;
import graphql.language.InlineFragment;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a fetch's selection valid for its subgraph where fragments on different member types of an interface or union
 * select one response key with types of different shapes there ({@code ... on Book { title } ... on Movie { title }}
 * with {@code Book.title: String} and {@code Movie.title: String!} in that subgraph), which GraphQL validation refuses:
 * every shape but the first gets an alias, and the fetch renames the alias back in what the subgraph answers.
 */
final class SelectionAliases {

    /** The selection to send, and the aliases to rename back ({@code alias → response key}) in the answer. */
    record Aliased(SelectionSet selection, Map<String, String> renames) {
    }

    private final Supergraph supergraph;
    private final String subgraph;
    private final Map<String, String> renames = new LinkedHashMap<>();
    private int next;

    private SelectionAliases(Supergraph supergraph, String subgraph) {
        this.supergraph = supergraph;
        this.subgraph = subgraph;
    }

    static Aliased apply(Supergraph supergraph, String subgraph, String parentType, SelectionSet selection) {
        if (!hasFragments(selection)) {
            return new Aliased(selection, Map.of());
        }
        SelectionAliases aliases = new SelectionAliases(supergraph, subgraph);
        SelectionSet aliased = aliases.selectionSet(parentType, selection);
        return new Aliased(aliased, Map.copyOf(aliases.renames));
    }

    /** Whether any selection set of the selection has an inline fragment: only then can one response key have two shapes. */
    private static boolean hasFragments(SelectionSet selectionSet) {
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof InlineFragment) {
                return true;
            }
            if (selection instanceof Field field && field.getSelectionSet() != null && hasFragments(field.getSelectionSet())) {
                return true;
            }
        }
        return false;
    }

    /** One field of a selection scope, with the type it is selected on (a fragment's type condition, or the scope's type). */
    private record Scoped(String type, Field field) {
    }

    private SelectionSet selectionSet(String type, SelectionSet selectionSet) {
        List<Scoped> scope = new ArrayList<>();
        collect(type, selectionSet, scope);
        Map<Field, String> aliasOf = conflicts(scope);
        return rewrite(type, selectionSet, aliasOf);
    }

    private static void collect(String type, SelectionSet selectionSet, List<Scoped> scope) {
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                scope.add(new Scoped(type, field));
            } else if (selection instanceof InlineFragment inline) {
                collect(inline.getTypeCondition() == null ? type : inline.getTypeCondition().getName(), inline.getSelectionSet(), scope);
            }
        }
    }

    /** For every field whose response key another type in the scope selects with another shape, the alias it gets. */
    private Map<Field, String> conflicts(List<Scoped> scope) {
        Map<String, Map<String, String>> shapesByKey = new LinkedHashMap<>();
        Map<Field, String> aliasOf = new java.util.IdentityHashMap<>();
        for (Scoped scoped : scope) {
            String shape = shape(scoped.type(), scoped.field().getName());
            if (shape == null) {
                continue;
            }
            String key = scoped.field().getResultKey();
            Map<String, String> shapes = shapesByKey.computeIfAbsent(key, k -> new LinkedHashMap<>());
            if (shapes.isEmpty()) {
                shapes.put(shape, key);
            }
            String alias = shapes.computeIfAbsent(shape, s -> key + "__shape_" + next++);
            if (!alias.equals(key)) {
                aliasOf.put(scoped.field(), alias);
                renames.put(alias, key);
            }
        }
        return aliasOf;
    }

    private SelectionSet rewrite(String type, SelectionSet selectionSet, Map<Field, String> aliasOf) {
        List<Selection> selections = new ArrayList<>();
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                selections.add(rewrite(type, field, aliasOf.get(field)));
            } else if (selection instanceof InlineFragment inline) {
                String condition = inline.getTypeCondition() == null ? type : inline.getTypeCondition().getName();
                selections.add(inline.transform(b -> b.selectionSet(rewrite(condition, inline.getSelectionSet(), aliasOf))));
            }
        }
        return SelectionSet.newSelectionSet(selections).build();
    }

    private Field rewrite(String type, Field field, String alias) {
        SelectionSet sub = field.getSelectionSet();
        String fieldType = sub == null ? null : namedType(type, field.getName());
        SelectionSet rewritten = sub == null || fieldType == null ? sub : selectionSet(fieldType, sub);
        return field.transform(b -> {
            b.selectionSet(rewritten);
            if (alias != null) {
                b.alias(alias);
            }
        });
    }

    /**
     * The shape of {@code type.field} in this subgraph: its list and non-null wrappers around its named type, or around
     * "object" for a composite type (whose own fields are compared one level down). Null when neither the subgraph nor
     * the supergraph knows the field ({@code __typename}).
     */
    private String shape(String type, String field) {
        FieldDefinition definition = supergraph.subgraph(subgraph).fields().getOrDefault(type, Map.of()).get(field);
        if (definition != null) {
            return shape(definition.getType());
        }
        if (supergraph.schema().getType(type) instanceof GraphQLFieldsContainer container) {
            GraphQLFieldDefinition schemaField = container.getFieldDefinition(field);
            return schemaField == null ? null : shape(schemaField.getType());
        }
        return null;
    }

    private String shape(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return shape(nonNull.getType()) + "!";
        }
        if (type instanceof ListType list) {
            return "[" + shape(list.getType()) + "]";
        }
        String name = ((TypeName) type).getName();
        return supergraph.schema().getType(name) instanceof GraphQLFieldsContainer || supergraph.schema().getType(name) instanceof graphql.schema.GraphQLUnionType
                ? "object" : name;
    }

    private String shape(GraphQLType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return shape(nonNull.getWrappedType()) + "!";
        }
        if (type instanceof GraphQLList list) {
            return "[" + shape(list.getWrappedType()) + "]";
        }
        GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
        return named instanceof graphql.schema.GraphQLCompositeType ? "object" : ((graphql.schema.GraphQLNamedType) named).getName();
    }

    /** The name of the type of {@code type.field} in this subgraph, or in the supergraph when the subgraph does not say. */
    private String namedType(String type, String field) {
        FieldDefinition definition = supergraph.subgraph(subgraph).fields().getOrDefault(type, Map.of()).get(field);
        if (definition != null) {
            return graphql.schema.idl.TypeUtil.unwrapAll(definition.getType()).getName();
        }
        if (supergraph.schema().getType(type) instanceof GraphQLFieldsContainer container && container.getFieldDefinition(field) != null) {
            return QueryGraph.typeName(container.getFieldDefinition(field).getType());
        }
        return null;
    }
}
