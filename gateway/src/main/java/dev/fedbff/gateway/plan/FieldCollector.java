package dev.fedbff.gateway.plan;

import graphql.execution.RawVariables;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.language.VariableReference;
import graphql.schema.GraphQLImplementingType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CollectFields from the GraphQL specification: the fields a selection asks of one concrete object type,
 * grouped by response key in document order, fragments applied and {@code @skip}/{@code @include} evaluated.
 * Planning and shaping both use it, so they agree on what the client asked. Given an interface instead of an object
 * type, it collects what every implementation gets: fragments on the interface or on interfaces it implements
 * (an {@code @interfaceObject}'s answer, whose concrete type is not known).
 */
public final class FieldCollector {

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final RawVariables variables;

    public FieldCollector(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, RawVariables variables) {
        this.schema = schema;
        this.fragments = fragments;
        this.variables = variables;
    }

    public Map<String, List<Field>> collect(GraphQLImplementingType type, List<SelectionSet> selectionSets) {
        Map<String, List<Field>> fields = new LinkedHashMap<>();
        for (SelectionSet selectionSet : selectionSets) {
            collect(type, selectionSet, fields);
        }
        return fields;
    }

    /** The sub-selections of every occurrence of one response key. */
    public static List<SelectionSet> subSelections(List<Field> occurrences) {
        List<SelectionSet> sets = new ArrayList<>(occurrences.size());
        for (Field field : occurrences) {
            if (field.getSelectionSet() != null) {
                sets.add(field.getSelectionSet());
            }
        }
        return sets;
    }

    private void collect(GraphQLImplementingType type, SelectionSet selectionSet, Map<String, List<Field>> fields) {
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (!included((DirectivesContainer<?>) selection)) {
                continue;
            }
            if (selection instanceof Field field) {
                fields.computeIfAbsent(field.getResultKey(), key -> new ArrayList<>()).add(field);
            } else if (selection instanceof InlineFragment inline && applies(inline.getTypeCondition(), type)) {
                collect(type, inline.getSelectionSet(), fields);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null && applies(fragment.getTypeCondition(), type)) {
                    collect(type, fragment.getSelectionSet(), fields);
                }
            }
        }
    }

    private boolean applies(TypeName condition, GraphQLImplementingType type) {
        if (condition == null || condition.getName().equals(type.getName())) {
            return true;
        }
        if (!(type instanceof GraphQLObjectType)) {
            return type.getInterfaces().stream().anyMatch(i -> i.getName().equals(condition.getName()));
        }
        return schema.getType(condition.getName()) instanceof graphql.schema.GraphQLNamedType named
                && named instanceof graphql.schema.GraphQLCompositeType && !(named instanceof GraphQLObjectType)
                && schema.isPossibleType((graphql.schema.GraphQLNamedType) named, (GraphQLObjectType) type);
    }

    private boolean included(DirectivesContainer<?> selection) {
        for (Directive directive : selection.getDirectives()) {
            boolean skip = directive.getName().equals("skip");
            if ((skip || directive.getName().equals("include")) && condition(directive) == skip) {
                return false;
            }
        }
        return true;
    }

    private boolean condition(Directive directive) {
        var argument = directive.getArgument("if");
        if (argument == null) {
            return false;
        }
        if (argument.getValue() instanceof BooleanValue value) {
            return value.isValue();
        }
        if (argument.getValue() instanceof VariableReference reference) {
            return Boolean.TRUE.equals(variables.get(reference.getName()));
        }
        return false;
    }
}
