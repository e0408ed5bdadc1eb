package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.compose.CostDirectives;
import dev.fedbff.gateway.plan.Operation;
import graphql.execution.RawVariables;
import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The static cost of an operation as Apollo's demand control estimates it (the IBM GraphQL cost directive spec): an
 * object, interface or union field costs 1, a scalar or enum field 0, a mutation's root field 10, unless {@code @cost}
 * weighs the field or its type otherwise; a list multiplies what it holds by its size: the slicing argument
 * {@code @listSize} names ({@code first: 5}), else its {@code assumedSize}, else {@code fedbff.limits.list-size}.
 * Arguments weighed with {@code @cost} add their weight. Fragments on abstract types are all counted, an upper bound.
 */
final class OperationCost {

    private static final int OBJECT = 1;
    private static final int MUTATION_ROOT = 10;

    private final GraphQLSchema schema;
    private final CostDirectives directives;
    private final int defaultListSize;
    private final Operation operation;
    private final RawVariables variables;
    private final Set<String> inProgress = new HashSet<>();

    private OperationCost(GraphQLSchema schema, CostDirectives directives, int defaultListSize, Operation operation, RawVariables variables) {
        this.schema = schema;
        this.directives = directives;
        this.defaultListSize = defaultListSize;
        this.operation = operation;
        this.variables = variables;
    }

    /** The estimated cost of {@code operation} with these variable values; saturates at {@link Long#MAX_VALUE}. */
    static long estimate(GraphQLSchema schema, CostDirectives directives, int defaultListSize, Operation operation, RawVariables variables) {
        OperationDefinition definition = operation.definition();
        GraphQLObjectType root = switch (definition.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
        if (root == null) {
            return 0;
        }
        return new OperationCost(schema, directives, defaultListSize, operation, variables)
                .of(definition.getSelectionSet(), root, definition.getOperation() == OperationDefinition.Operation.MUTATION, Map.of());
    }

    /** @param sized sizes the parent's {@code @listSize(sizedFields:)} gives child list fields, by field name */
    private long of(@Nullable SelectionSet selectionSet, GraphQLCompositeType parent, boolean mutationRoot, Map<String, Long> sized) {
        long cost = 0;
        if (selectionSet == null) {
            return cost;
        }
        for (Selection<?> selection : selectionSet.getSelections()) {
            cost = plus(cost, ofSelection(selection, parent, mutationRoot, sized));
        }
        return cost;
    }

    private long ofSelection(Selection<?> selection, GraphQLCompositeType parent, boolean mutationRoot, Map<String, Long> sized) {
        if (selection instanceof Field field) {
            return ofField(field, parent, mutationRoot, sized);
        }
        if (selection instanceof InlineFragment inline) {
            GraphQLCompositeType type = inline.getTypeCondition() == null ? parent : (GraphQLCompositeType) schema.getType(inline.getTypeCondition().getName());
            return type == null ? 0 : of(inline.getSelectionSet(), type, mutationRoot, sized);
        }
        if (selection instanceof FragmentSpread spread) {
            FragmentDefinition fragment = operation.fragments().get(spread.getName());
            if (fragment == null || !inProgress.add(spread.getName())) {
                return 0;
            }
            GraphQLCompositeType type = (GraphQLCompositeType) schema.getType(fragment.getTypeCondition().getName());
            long cost = type == null ? 0 : of(fragment.getSelectionSet(), type, mutationRoot, sized);
            inProgress.remove(spread.getName());
            return cost;
        }
        return 0;
    }

    private long ofField(Field field, GraphQLCompositeType parent, boolean mutationRoot, Map<String, Long> sized) {
        if (field.getName().startsWith("__") || !(parent instanceof GraphQLFieldsContainer container)) {
            return 0;
        }
        GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
        if (definition == null) {
            return 0;
        }
        String coordinate = parent.getName() + "." + field.getName();
        GraphQLNamedType type = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(definition.getType());
        boolean composite = type instanceof GraphQLCompositeType;
        Integer weight = directives.weights().get(coordinate);
        if (weight == null) {
            weight = directives.weights().get(type.getName());
        }
        long own = weight != null ? weight : mutationRoot ? MUTATION_ROOT : composite ? OBJECT : 0;
        CostDirectives.ListSize listSize = directives.listSizes().get(coordinate);
        Long slice = listSize == null ? null : slice(field, definition, listSize);
        Map<String, Long> childSizes = Map.of();
        if (listSize != null && !listSize.sizedFields().isEmpty() && slice != null) {
            childSizes = new java.util.HashMap<>();
            for (String child : listSize.sizedFields()) {
                childSizes.put(child, slice);
            }
        }
        long children = composite ? of(field.getSelectionSet(), (GraphQLCompositeType) type, false, childSizes) : 0;
        long each = plus(own, children);
        long total = isList(definition.getType()) ? times(each, listSize(field, listSize, slice, sized)) : each;
        return plus(total, argumentWeights(field, coordinate));
    }

    private long listSize(Field field, CostDirectives.@Nullable ListSize listSize, @Nullable Long slice, Map<String, Long> sized) {
        Long fromParent = sized.get(field.getName());
        if (fromParent != null) {
            return fromParent;
        }
        if (listSize != null && listSize.sizedFields().isEmpty()) {
            if (slice != null) {
                return slice;
            }
            if (listSize.assumedSize() != null) {
                return listSize.assumedSize();
            }
        }
        return defaultListSize;
    }

    /** The largest value given to one of the slicing arguments (or their defaults); null when none has a value. */
    private @Nullable Long slice(Field field, GraphQLFieldDefinition definition, CostDirectives.ListSize listSize) {
        Long largest = null;
        for (String name : listSize.slicingArguments()) {
            Long value = argumentValue(field, definition.getArgument(name), name);
            if (value != null && (largest == null || value > largest)) {
                largest = value;
            }
        }
        return largest;
    }

    private @Nullable Long argumentValue(Field field, @Nullable GraphQLArgument argument, String name) {
        Argument given = field.getArguments().stream().filter(a -> a.getName().equals(name)).findFirst().orElse(null);
        Object value = null;
        if (given != null) {
            Value<?> literal = given.getValue();
            value = literal instanceof VariableReference reference ? variable(reference.getName())
                    : literal instanceof IntValue number ? number.getValue() : null;
        } else if (argument != null && argument.hasSetDefaultValue()) {
            value = argument.getArgumentDefaultValue().getValue();
            if (value instanceof IntValue number) {
                value = number.getValue();
            }
        }
        return value instanceof Number number ? Math.max(0, number.longValue()) : null;
    }

    /** A variable's value as sent, else its default in the operation. */
    private @Nullable Object variable(String name) {
        if (variables.containsKey(name)) {
            return variables.get(name);
        }
        return operation.definition().getVariableDefinitions().stream().filter(d -> d.getName().equals(name) && d.getDefaultValue() != null)
                .map(d -> d.getDefaultValue() instanceof IntValue number ? (Object) number.getValue() : null).findFirst().orElse(null);
    }

    private long argumentWeights(Field field, String coordinate) {
        long cost = 0;
        for (Argument argument : field.getArguments()) {
            Integer weight = directives.weights().get(coordinate + "(" + argument.getName() + ":)");
            if (weight != null) {
                cost = plus(cost, weight);
            }
        }
        return cost;
    }

    private static boolean isList(GraphQLOutputType type) {
        return GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLList;
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static long times(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
