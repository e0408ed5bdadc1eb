package dev.fedbff.cli;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether one client document still runs on the new graph as it did on the old: every field it selects is still there
 * with a type the client can read, every argument it passes still exists, and no argument it leaves out became
 * required. A document that did not validate on the old graph either is noted, not counted.
 */
final class OperationCheck {

    record Outcome(List<String> breaks, List<String> notes) {
    }

    private OperationCheck() {
    }

    static Outcome check(Operations.Source source, GraphQLSchema old, GraphQLSchema next) {
        Document document;
        try {
            document = Parser.parse(source.text());
        } catch (InvalidSyntaxException e) {
            return new Outcome(List.of(), List.of(source.name() + ": not checked, it does not parse: " + e.getMessage()));
        }
        List<ValidationError> before = new Validator().validateDocument(old, document, Locale.ROOT);
        if (!before.isEmpty()) {
            return new Outcome(List.of(), List.of(source.name() + ": not checked, it is not valid on the old graph either: " + before.get(0).getMessage()));
        }
        Set<String> breaks = new LinkedHashSet<>();
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            String name = source.name().contains("#") || operation.getName() == null ? source.name() : source.name() + " (" + operation.getName() + ")";
            GraphQLObjectType root = switch (operation.getOperation()) {
                case MUTATION -> old.getMutationType();
                case SUBSCRIPTION -> old.getSubscriptionType();
                default -> old.getQueryType();
            };
            new Walk(name, old, next, fragments, breaks).selections(operation.getSelectionSet(), root, new HashSet<>());
        }
        if (breaks.isEmpty()) {
            new Validator().validateDocument(next, document, Locale.ROOT).forEach(error -> breaks.add(source.name() + ": " + error.getMessage()));
        }
        return new Outcome(new ArrayList<>(breaks), List.of());
    }

    /** Every field the operation selects, with the type it is selected on in the old graph. */
    private record Walk(String operation, GraphQLSchema old, GraphQLSchema next, Map<String, FragmentDefinition> fragments, Set<String> breaks) {

        void selections(SelectionSet set, GraphQLType parent, Set<String> spread) {
            if (set == null || parent == null) {
                return;
            }
            for (Selection<?> selection : set.getSelections()) {
                if (selection instanceof Field field && parent instanceof GraphQLFieldsContainer container && !field.getName().startsWith("__")) {
                    GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
                    if (definition != null) {
                        compare(container, definition, field);
                        selections(field.getSelectionSet(), GraphQLTypeUtil.unwrapAll(definition.getType()), spread);
                    }
                } else if (selection instanceof InlineFragment inline) {
                    selections(inline.getSelectionSet(), inline.getTypeCondition() == null ? parent : old.getType(inline.getTypeCondition().getName()), spread);
                } else if (selection instanceof FragmentSpread fragmentSpread && spread.add(fragmentSpread.getName())) {
                    FragmentDefinition fragment = fragments.get(fragmentSpread.getName());
                    if (fragment != null) {
                        selections(fragment.getSelectionSet(), old.getType(fragment.getTypeCondition().getName()), spread);
                    }
                }
            }
        }

        private void compare(GraphQLFieldsContainer container, GraphQLFieldDefinition before, Field field) {
            String coordinate = container.getName() + "." + before.getName();
            String path = field.getResultKey();
            GraphQLNamedType nextType = next.getType(container.getName()) instanceof GraphQLNamedType t ? t : null;
            if (!(nextType instanceof GraphQLFieldsContainer nextContainer)) {
                breaks.add(operation + ": type " + container.getName() + " was removed (selected at " + path + ")");
                return;
            }
            GraphQLFieldDefinition after = nextContainer.getFieldDefinition(before.getName());
            if (after == null) {
                breaks.add(operation + ": field " + coordinate + " was removed");
                return;
            }
            if (!readable(before.getType(), after.getType())) {
                breaks.add(operation + ": field " + coordinate + " changed type from " + GraphQLTypeUtil.simplePrint(before.getType())
                        + " to " + GraphQLTypeUtil.simplePrint(after.getType()));
            }
            Set<String> passed = new LinkedHashSet<>();
            field.getArguments().stream().map(Argument::getName).forEach(passed::add);
            for (String argument : passed) {
                GraphQLArgument newArgument = after.getArgument(argument);
                if (newArgument == null) {
                    breaks.add(operation + ": argument " + coordinate + "(" + argument + ":) was removed");
                } else if (before.getArgument(argument) != null
                        && !GraphQLTypeUtil.simplePrint(before.getArgument(argument).getType()).equals(GraphQLTypeUtil.simplePrint(newArgument.getType()))) {
                    breaks.add(operation + ": argument " + coordinate + "(" + argument + ":) changed type from "
                            + GraphQLTypeUtil.simplePrint(before.getArgument(argument).getType()) + " to " + GraphQLTypeUtil.simplePrint(newArgument.getType()));
                }
            }
            for (GraphQLArgument argument : after.getArguments()) {
                boolean required = argument.getType() instanceof GraphQLNonNull && !argument.hasSetDefaultValue();
                if (required && !passed.contains(argument.getName())) {
                    breaks.add(operation + ": field " + coordinate + " has a new required argument " + argument.getName() + ": "
                            + GraphQLTypeUtil.simplePrint(argument.getType()));
                }
            }
        }
    }

    /** A client reads the new type as the old one: the same, or the same made non-null. */
    private static boolean readable(GraphQLType before, GraphQLType after) {
        String old = GraphQLTypeUtil.simplePrint(GraphQLTypeUtil.unwrapNonNull(before));
        String now = GraphQLTypeUtil.simplePrint(after);
        String nowNullable = GraphQLTypeUtil.simplePrint(GraphQLTypeUtil.unwrapNonNull(after));
        return GraphQLTypeUtil.simplePrint(before).equals(now) || old.equals(nowNullable) && !(before instanceof GraphQLNonNull);
    }
}
