package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import graphql.execution.RawVariables;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progressive {@code @override}: a field overridden with a label comes from the overriding subgraph on requests that
 * enable the label, from the original one on the others; {@code percent(N)} labels are enabled for N percent of
 * requests, other labels by the BFF's configuration.
 */
class ProgressiveOverrideTest {

    static final String HEADER = "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.7\", import: [\"@key\", \"@override\"])\n";
    static final Supergraph SUPERGRAPH = new SupergraphComposer().compose(List.of(
            new SchemaFile("a.graphqls", HEADER + "type Query { products: [Product!]! } type Product @key(fields: \"id\") { id: ID! price: Int! stock: Int! }"),
            new SchemaFile("b.graphqls", HEADER + "type Product @key(fields: \"id\") { id: ID! "
                    + "price: Int! @override(from: \"a\", label: \"percent(25)\") stock: Int! @override(from: \"a\", label: \"new-stock\") }")));
    static final QueryPlanner PLANNER = new QueryPlanner(SUPERGRAPH);

    @Test
    void theSupergraphListsItsLabels() {
        assertThat(SUPERGRAPH.overrideLabels()).containsExactly("new-stock", "percent(25)");
    }

    @Test
    void anEnabledLabelTakesTheFieldToTheOverridingSubgraph() {
        assertThat(subgraphsOf("{ products { price } }", Set.of("percent(25)"))).containsExactly("a", "b");
        assertThat(subgraphsOf("{ products { stock } }", Set.of("new-stock"))).containsExactly("a", "b");
    }

    @Test
    void aDisabledLabelLeavesTheFieldWhereItWas() {
        assertThat(subgraphsOf("{ products { price stock } }", Set.of())).containsExactly("a");
    }

    @Test
    void percentLabelsAreDrawnPerRequestAndNamedLabelsComeFromConfiguration() {
        OverrideLabels below = new OverrideLabels(Set.of("new-stock"), () -> 0.2499);
        OverrideLabels above = new OverrideLabels(Set.of(), () -> 0.25);

        assertThat(below.forRequest(SUPERGRAPH.overrideLabels())).containsExactly("new-stock", "percent(25)");
        assertThat(above.forRequest(SUPERGRAPH.overrideLabels())).isEmpty();
        assertThat(new OverrideLabels(Set.of(), () -> 0.004).forRequest(Set.of("percent(0.5)"))).containsExactly("percent(0.5)");
    }

    private static List<String> subgraphsOf(String query, Set<String> labels) {
        QueryPlan plan = PLANNER.plan(Operation.select(Parser.parse(query), null), RawVariables.emptyVariables(), Set.of(), labels);
        return plan.nodes().stream().map(FetchNode::subgraph).toList();
    }
}
