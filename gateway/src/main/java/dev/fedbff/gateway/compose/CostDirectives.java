package dev.fedbff.gateway.compose;

import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.FieldDefinition;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code @cost} and {@code @listSize} directives of the schema files (the IBM GraphQL cost directive spec, as
 * Apollo's demand control reads them), by coordinate: what an operation's static cost is estimated from.
 *
 * @param weights   {@code @cost(weight:)} by type name ({@code Payment}), field ({@code Query.search}), argument
 *                  ({@code Query.search(filter:)}), input field or enum value
 * @param listSizes {@code @listSize} by field coordinate
 */
public record CostDirectives(Map<String, Integer> weights, Map<String, ListSize> listSizes) {

    public static final CostDirectives NONE = new CostDirectives(Map.of(), Map.of());

    public CostDirectives {
        weights = Map.copyOf(weights);
        listSizes = Map.copyOf(listSizes);
    }

    /**
     * How many items a list field returns, as {@code @listSize} says.
     *
     * @param assumedSize       the size to assume when no slicing argument says it; null when none is declared
     * @param slicingArguments  arguments whose value is the size ({@code first}, {@code last}); the largest given counts
     * @param sizedFields       child list fields the slicing arguments size instead of this field (a connection's {@code edges})
     */
    public record ListSize(@Nullable Integer assumedSize, List<String> slicingArguments, List<String> sizedFields) {

        public ListSize {
            slicingArguments = List.copyOf(slicingArguments);
            sizedFields = List.copyOf(sizedFields);
        }
    }

    /** The directives of one document, under the names it uses for them. */
    static CostDirectives of(Document document, String cost, String listSize) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        Map<String, ListSize> listSizes = new LinkedHashMap<>();
        SchemaElements.forEach(document, (coordinate, element) -> {
            weight(coordinate, element, cost, weights);
            if (element instanceof FieldDefinition field) {
                field.getDirectives(listSize).stream().findFirst().ifPresent(directive -> listSizes.put(coordinate, listSize(directive)));
            }
        });
        return new CostDirectives(weights, listSizes);
    }

    /** Both documents' directives; where both weigh an element, the larger weight counts. */
    CostDirectives and(CostDirectives other) {
        Map<String, Integer> allWeights = new LinkedHashMap<>(weights);
        other.weights.forEach((coordinate, weight) -> allWeights.merge(coordinate, weight, Math::max));
        Map<String, ListSize> allSizes = new LinkedHashMap<>(listSizes);
        other.listSizes.forEach(allSizes::putIfAbsent);
        return new CostDirectives(allWeights, allSizes);
    }

    private static void weight(String coordinate, DirectivesContainer<?> element, String cost, Map<String, Integer> weights) {
        for (Directive directive : element.getDirectives(cost)) {
            Value<?> weight = directive.getArgument("weight") == null ? null : directive.getArgument("weight").getValue();
            if (weight instanceof IntValue value) {
                weights.merge(coordinate, value.getValue().intValueExact(), Math::max);
            } else if (weight instanceof StringValue value && value.getValue().matches("-?\\d+")) {
                weights.merge(coordinate, Integer.parseInt(value.getValue()), Math::max);
            }
        }
    }

    private static ListSize listSize(Directive directive) {
        Integer assumed = directive.getArgument("assumedSize") != null && directive.getArgument("assumedSize").getValue() instanceof IntValue size
                ? size.getValue().intValueExact() : null;
        return new ListSize(assumed, strings(directive, "slicingArguments"), strings(directive, "sizedFields"));
    }

    private static List<String> strings(Directive directive, String argument) {
        if (directive.getArgument(argument) == null) {
            return List.of();
        }
        Value<?> value = directive.getArgument(argument).getValue();
        if (value instanceof StringValue single) {
            return List.of(single.getValue());
        }
        return value instanceof ArrayValue array ? array.getValues().stream().filter(StringValue.class::isInstance)
                .map(v -> ((StringValue) v).getValue()).toList() : List.of();
    }

}
