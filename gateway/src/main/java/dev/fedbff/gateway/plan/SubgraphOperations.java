package dev.fedbff.gateway.plan;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Writes the GraphQL operation a fetch sends to a GraphQL subgraph. */
final class SubgraphOperations {

    private SubgraphOperations() {
    }

    /** The client's variables a selection reads, in the order the client's operation declares them. */
    static List<String> variablesUsed(SelectionSet selection, OperationDefinition operation) {
        Set<String> used = new LinkedHashSet<>();
        collect(selection, used);
        return operation.getVariableDefinitions().stream().map(VariableDefinition::getName).filter(used::contains).toList();
    }

    /**
     * A root fetch: {@code query Profile__users__0 { me { id } }}. An entity fetch:
     * {@code query Profile__orders__1($representations:[_Any!]!) { _entities(representations:$representations) { ... on User { ... } } }}.
     * An empty {@code entityType} means the selection already holds one inline fragment per entity type.
     */
    static String print(Operation operation, String entityType, String subgraph, int id, SelectionSet selection, List<String> variables) {
        List<VariableDefinition> definitions = new ArrayList<>();
        SelectionSet body = selection;
        if (entityType != null) {
            definitions.add(VariableDefinition.newVariableDefinition("representations",
                    NonNullType.newNonNullType(ListType.newListType(NonNullType.newNonNullType(TypeName.newTypeName("_Any").build()).build()).build()).build()).build());
            SelectionSet perType = entityType.isEmpty() ? selection : SelectionSet.newSelectionSet(List.of(InlineFragment.newInlineFragment()
                    .typeCondition(TypeName.newTypeName(entityType).build()).selectionSet(selection).build())).build();
            Field entities = Field.newField("_entities")
                    .arguments(List.of(Argument.newArgument("representations", VariableReference.newVariableReference().name("representations").build()).build()))
                    .selectionSet(perType)
                    .build();
            body = SelectionSet.newSelectionSet(List.of(entities)).build();
        }
        operation.definition().getVariableDefinitions().stream().filter(d -> variables.contains(d.getName()))
                .map(d -> d.transform(b -> b.directives(List.of()))).forEach(definitions::add);
        OperationDefinition.Operation kind = entityType != null ? OperationDefinition.Operation.QUERY : operation.kind();
        String name = operation.name() == null ? null : operation.name() + "__" + subgraph.replaceAll("[^_0-9A-Za-z]", "_") + "__" + id;
        OperationDefinition definition = OperationDefinition.newOperationDefinition().operation(kind).name(name)
                .variableDefinitions(definitions).selectionSet(body).build();
        return AstPrinter.printAstCompact(definition);
    }

    private static void collect(SelectionSet selectionSet, Set<String> used) {
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                field.getArguments().forEach(argument -> collect(argument.getValue(), used));
                if (field.getSelectionSet() != null) {
                    collect(field.getSelectionSet(), used);
                }
            } else if (selection instanceof InlineFragment inline) {
                collect(inline.getSelectionSet(), used);
            }
        }
    }

    private static void collect(Value<?> value, Set<String> used) {
        if (value instanceof VariableReference reference) {
            used.add(reference.getName());
        } else if (value instanceof ArrayValue array) {
            array.getValues().forEach(v -> collect(v, used));
        } else if (value instanceof ObjectValue object) {
            object.getObjectFields().stream().map(ObjectField::getValue).forEach(v -> collect(v, used));
        }
    }
}
