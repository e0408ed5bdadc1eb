package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.Supergraph;
import graphql.execution.RawVariables;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** How many calls an operation costs, in which order they run, and which operations are refused. */
class QueryPlannerTest {

    static final Supergraph SUPERGRAPH = SchemaFixtures.supergraph();

    static Stream<Arguments> fetchCounts() {
        return Stream.of(
                arguments("one subgraph", "{ me { id name email } }", 1),
                arguments("a REST root field", "{ product(id: \"p1\") { name price } }", 1),
                arguments("two root fields of one subgraph share a fetch", "{ me { id } user(id: \"u2\") { name } }", 1),
                arguments("two root fields of two subgraphs", "{ me { name } product(id: \"p1\") { name } }", 2),
                arguments("an entity hop", "{ order(id: \"o1\") { user { name } } }", 2),
                arguments("the profile page", "{ me { name orders { items { product { name } } payment { status } } } }", 4),
                arguments("payments without products", "{ me { orders { payment { amount } } } }", 3),
                arguments("one subgraph reached twice by different fields merges", "{ me { orders { id } o2: orders(first: 1) { total } } }", 2),
                arguments("only __typename", "{ __typename }", 0),
                arguments("introspection is answered by the gateway", "{ __schema { queryType { name } } }", 0));
    }

    @ParameterizedTest(name = "{0}: {2} fetches")
    @MethodSource("fetchCounts")
    void plansTheFewestFetches(String name, String query, int fetches) {
        assertThat(plan(query, Map.of()).fetchCount()).isEqualTo(fetches);
    }

    @Test
    void callsEachSubgraphAtMostOncePerEntityPath() {
        QueryPlan plan = plan("""
                { me { name orders { id items { product { name } } payment { status } }
                       o2: orders(first: 1) { items { product { price } } payment { method } } } }
                """, Map.of());

        List<String> calls = new ArrayList<>();
        collect(plan.roots(), calls);
        assertThat(calls).doesNotHaveDuplicates()
                .contains("payments@me.orders.@", "payments@me.o2.@", "products@me.orders.@.items.@.product");
    }

    @Test
    void siblingEntityFetchesRunInParallelAfterTheirParent() {
        QueryPlan plan = plan("{ me { orders { items { product { name } } payment { status } } } }", Map.of());

        assertThat(plan.sequential()).isFalse();
        FetchNode orders = plan.roots().get(0).children().get(0);
        assertThat(orders.subgraph()).isEqualTo("orders");
        assertThat(orders.children()).extracting(FetchNode::subgraph).containsExactlyInAnyOrder("products", "payments");
        assertThat(plan.toString()).contains("Parallel {");
    }

    @Test
    void independentRootFieldsRunInParallel() {
        QueryPlan plan = plan("{ me { name } product(id: \"p1\") { name } }", Map.of());

        assertThat(plan.sequential()).isFalse();
        assertThat(plan.roots()).extracting(FetchNode::subgraph).containsExactly("users", "products");
        assertThat(plan.toString()).startsWith("QueryPlan {\n  Parallel {\n");
    }

    @Test
    void mutationsRunSequentially() {
        QueryPlan plan = plan("""
                mutation Place($input: PlaceOrderInput!) {
                  first: placeOrder(input: $input) { id }
                  second: placeOrder(input: $input) { id user { name } }
                }
                """, Map.of());

        assertThat(plan.sequential()).isTrue();
        FetchNode root = plan.roots().get(0);
        assertThat(root.operation()).startsWith("mutation Place__orders__").contains("first:placeOrder").contains("second:placeOrder");
        assertThat(root.operation().indexOf("first:")).isLessThan(root.operation().indexOf("second:"));
        assertThat(root.variables()).containsExactly("input");
        assertThat(plan.fetchCount()).isEqualTo(2);
    }

    @Test
    void skipAndIncludeReadVariables() {
        String query = "query($withOrders: Boolean!) { me { name orders @include(if: $withOrders) { id } } }";

        assertThat(plan(query, Map.of("withOrders", true)).fetchCount()).isEqualTo(2);
        assertThat(plan(query, Map.of("withOrders", false)).fetchCount()).isEqualTo(1);
    }

    @Test
    void aGraphQLSubgraphGetsAnEntitiesOperation() {
        QueryPlan plan = plan("query Order { order(id: \"o1\") { user { name } } }", Map.of());

        FetchNode users = plan.roots().get(0).children().get(0);
        assertThat(users.entity()).isTrue();
        assertThat(users.rest()).isFalse();
        assertThat(users.operation()).isEqualTo(
                "query Order__users__1($representations:[_Any!]!){_entities(representations:$representations){...on User{name}}}");
        assertThat(users.clientFields()).as("errors of this fetch point at order.user.name").containsExactly("name");
        assertThat(users.mergePath()).containsExactly("order", "user");
    }

    static Stream<Arguments> refusedOperations() {
        return Stream.of(
                arguments("subscription", "subscription { me { id } }", null, "SUBSCRIPTIONS_UNSUPPORTED"),
                arguments("unknown operation name", "query A { me { id } }", "B", "OPERATION_NOT_FOUND"),
                arguments("several operations and no name", "query A { me { id } } query B { me { name } }", null, "OPERATION_NAME_REQUIRED"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("refusedOperations")
    void refusesWhatItCannotPlanWithACode(String name, String document, String operationName, String code) {
        assertThatExceptionOfType(PlanningException.class)
                .isThrownBy(() -> new QueryPlanner(SUPERGRAPH).plan(Operation.select(Parser.parse(document), operationName), RawVariables.emptyVariables()))
                .satisfies(e -> assertThat(e.code()).isEqualTo(code))
                .withMessageNotContaining("null");
    }

    @Test
    void selectsTheNamedOperation() {
        Operation operation = Operation.select(Parser.parse("query A { me { id } } query B { product(id: \"1\") { id } }"), "B");

        assertThat(new QueryPlanner(SUPERGRAPH).plan(operation, RawVariables.emptyVariables()).roots()).extracting(FetchNode::subgraph)
                .containsExactly("products");
    }

    private static QueryPlan plan(String query, Map<String, Object> variables) {
        return new QueryPlanner(SUPERGRAPH).plan(Operation.select(Parser.parse(query), null), RawVariables.of(variables));
    }

    private static void collect(List<FetchNode> nodes, List<String> calls) {
        for (FetchNode node : nodes) {
            calls.add(node.subgraph() + "@" + String.join(".", node.mergePath()));
            collect(node.children(), calls);
        }
    }
}
