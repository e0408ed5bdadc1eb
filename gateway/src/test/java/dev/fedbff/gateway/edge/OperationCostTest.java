package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.plan.Operation;
import graphql.execution.RawVariables;
import graphql.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static cost the gateway estimates for an operation over {@code schema/}, counted as Apollo's demand control
 * counts it from the schema files' {@code @cost} and {@code @listSize}: objects 1, leaves 0, mutations 10, lists
 * times their size.
 */
class OperationCostTest {

    static final Supergraph SCHEMA = SchemaFixtures.supergraph();

    static long cost(Supergraph supergraph, String query, Map<String, Object> variables) {
        return OperationCost.estimate(supergraph.schema(), supergraph.costs(), 10, Operation.select(Parser.parse(query), null), RawVariables.of(variables));
    }

    @ParameterizedTest(name = "{0} costs {1}")
    @CsvSource(delimiter = '|', value = {
            "{ me { id name } }|1",
            "{ product(id: 7) { name price } }|1",
            // me 1 + 5 orders x (order 1 + 5 items (@listSize assumedSize) x (item 1 + product 1) + payment 1)
            "{ me { orders(first: 5) { id total items { quantity product { name price } } payment { status method } } } }|61",
            // the orders argument left out: its default, first = 10
            "{ me { orders { id } } }|11",
            // productsByCategory @cost(weight: 5) + 20 items (@listSize assumedSize 20) x product 1
            "{ productsByCategory(category: \"books\") { total items { id name } } }|25",
            // users 1 + 100 edges (first sizes the connection's edges) x (edge 1 + node 1 + 50 orders x (order 1 + 5 x (item 1 + product 1)))
            "{ users(first: 100) { edges { node { orders(first: 50) { items { product { name } } } } } } }|55201",
            // a mutation's root field 10, its order 0 more: the root field's own weight counts once
            "mutation { placeOrder(input: {items: [{productId: 1, quantity: 1}]}) { id total } }|10",
            "{ me { ...F } } fragment F on User { orders(first: 2) { id } }|3",
            "{ __typename me { __typename } }|1"})
    void costsWhatDemandControlWouldCount(String query, long expected) {
        assertThat(cost(SCHEMA, query, Map.of())).isEqualTo(expected);
    }

    @Test
    void aVariableSizesTheListAndItsDefaultWhenLeftOut() {
        String query = "query($n: Int = 3) { me { orders(first: $n) { id } } }";

        assertThat(cost(SCHEMA, query, Map.of("n", 40))).isEqualTo(41);
        assertThat(cost(SCHEMA, query, Map.of())).isEqualTo(4);
    }

    @Test
    void costOnATypeAndOnAnArgumentCount() {
        Supergraph supergraph = new SupergraphComposer().compose(List.of(new SchemaFile("schema/search.graphqls", """
                extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])
                type Query { search(text: String!, fuzzy: Boolean @cost(weight: 20)): [Hit!]! @listSize(assumedSize: 4) }
                type Hit @cost(weight: 3) { title: String! }
                """)));

        assertThat(cost(supergraph, "{ search(text: \"a\") { title } }", Map.of())).isEqualTo(12);
        assertThat(cost(supergraph, "{ search(text: \"a\", fuzzy: true) { title } }", Map.of())).isEqualTo(32);
    }

    @Test
    void anApolloSupergraphCarriesTheSameDirectives() {
        Supergraph fromApollo = dev.fedbff.gateway.compose.SupergraphSdl.read("apollo-supergraph.graphql",
                SchemaFixtures.read(java.nio.file.Path.of("src/test/resources/supergraph/apollo-supergraph.graphql")));

        assertThat(fromApollo.costs()).isEqualTo(SCHEMA.costs());
        assertThat(cost(fromApollo, "{ users(first: 100) { edges { node { orders(first: 50) { items { product { name } } } } } } }", Map.of()))
                .isEqualTo(55201);
    }
}
