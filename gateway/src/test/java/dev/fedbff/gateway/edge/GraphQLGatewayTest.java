package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.execute.PlanExecutor;
import dev.fedbff.gateway.plan.OverrideLabels;
import graphql.execution.RawVariables;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A request from text to response, against in-memory users and orders backends that record their calls. */
class GraphQLGatewayTest {

    static final String ORDERS_IF_ASKED = "query Profile($withOrders: Boolean = true) { me { name orders @include(if: $withOrders) { id } } }";

    final List<FetchRequest> calls = new CopyOnWriteArrayList<>();
    final GraphQLGateway gateway = new GraphQLGateway(SchemaFixtures.supergraph(), new PlanExecutor(this::answer), 100);

    @Test
    void aVariablesDefaultValueDecidesInclude() {
        GraphQLResponse response = execute(Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().toMap()).isEqualTo(Map.of("data", Map.of("me", Map.of("name", "Ada", "orders", List.of(Map.of("id", "9"))))));
        assertThat(calls).extracting(FetchRequest::subgraph).containsExactly("users", "orders");
    }

    @Test
    void aSentValueOverridesTheDefault() {
        GraphQLResponse response = execute(Map.of("withOrders", false));

        assertThat(response.body().toMap()).isEqualTo(Map.of("data", Map.of("me", Map.of("name", "Ada"))));
        assertThat(calls).extracting(FetchRequest::subgraph).containsExactly("users");
    }

    @Test
    void aVariableOfTheWrongTypeIsABadRequest() {
        GraphQLResponse response = execute(Map.of("withOrders", "yes please"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().toMap().toString()).contains("BAD_USER_INPUT").contains("withOrders");
        assertThat(calls).isEmpty();
    }

    @Test
    void aNestedInputObjectAndItsListReachTheSubgraphAsSent() {
        Map<String, Object> input = Map.of("items", List.of(Map.of("productId", "p1", "quantity", 2), Map.of("productId", "p2", "quantity", 1)));

        gateway.execute(new GraphQLRequest("mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }", null,
                RawVariables.of(Map.of("input", input))), RequestContext.NONE).block();

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.subgraph()).isEqualTo("orders");
            assertThat(call.graphql().variables()).isEqualTo(JsonObject.of("input", JsonObject.of("items",
                    List.of(JsonObject.of("productId", "p1", "quantity", 2), JsonObject.of("productId", "p2", "quantity", 1)))));
        });
    }

    @Test
    void aVariableLeftOutIsSentWithItsDefault() {
        gateway.execute(new GraphQLRequest("query($n: Int = 2) { me { name orders(first: $n) { id } } }", null, RawVariables.emptyVariables()),
                RequestContext.NONE).block();

        assertThat(calls).extracting(call -> call.subgraph() + " " + call.graphql().variables()).containsExactly("users {}", "orders {\"n\":2}");
    }

    @Test
    void introspectionIsAnsweredByTheGatewayFromTheClientSchema() {
        GraphQLResponse response = gateway.execute(new GraphQLRequest("{ __type(name: \"Payment\") { name fields { name } } q: __type(name: \"Query\") { name } }", null, RawVariables.emptyVariables()), RequestContext.NONE).block();

        assertThat(response.body().toMap().toString()).contains("name=Payment").contains("name=amount");
        assertThat(calls).isEmpty();
    }

    @Test
    void explainAddsThePrintedPlanToTheResponse() {
        GraphQLResponse response = gateway.execute(new GraphQLRequest(ORDERS_IF_ASKED, null, RawVariables.emptyVariables()), RequestContext.NONE.withExplain(true)).block();

        assertThat(response.body().toMap()).containsEntry("extensions", Map.of("queryPlan", gateway.plan(new GraphQLRequest(ORDERS_IF_ASKED, null,
                RawVariables.of(Map.of("withOrders", true)))).toString()));
        assertThat((String) ((Map<?, ?>) response.body().toMap().get("extensions")).get("queryPlan")).contains("Fetch(service: \"users\")")
                .contains("Flatten(path: \"me\")");
    }

    @Test
    void cacheHitsAreObservableAsMetrics() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        gateway.monitor(registry);

        execute(Map.of());
        execute(Map.of());

        assertThat(registry.get("cache.gets").tag("cache", "fedbff.plans").tag("result", "hit").functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("cache.gets").tag("cache", "fedbff.plans").tag("result", "miss").functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("cache.gets").tag("cache", "fedbff.documents").tag("result", "hit").functionCounter().count()).isPositive();
    }

    @Test
    void aFailureTheEngineDidNotExpectIsAGraphQLErrorWithACodeNeverA500() {
        GraphQLGateway broken = new GraphQLGateway(SchemaFixtures.supergraph(), new PlanExecutor(request -> {
            throw new IllegalStateException("a connector bug");
        }), 100);

        GraphQLResponse response = broken.execute(new GraphQLRequest(ORDERS_IF_ASKED, null, RawVariables.emptyVariables()), RequestContext.NONE).block();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().toMap()).containsEntry("data", null);
        assertThat(response.body().toMap().get("errors").toString()).contains("INTERNAL_SERVER_ERROR")
                .contains("operation " + GraphQLGateway.operationHash(new GraphQLRequest(ORDERS_IF_ASKED, null, RawVariables.emptyVariables())))
                .doesNotContain("a connector bug");
    }

    @Test
    void anOperationNoPlanCanResolveIsAPlanningErrorWithNullData() {
        GraphQLGateway gateway = new GraphQLGateway(SchemaFixtures.supergraph(), new PlanExecutor(this::answer), 100, OperationLimits.DEFAULTS,
                OverrideLabels.DEFAULT, 5);

        GraphQLResponse response = gateway.execute(new GraphQLRequest(ORDERS_IF_ASKED, null, RawVariables.emptyVariables()), RequestContext.NONE).block();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().toMap()).containsEntry("data", null);
        assertThat(response.body().toMap().get("errors").toString()).contains("QUERY_PLANNING_FAILED").contains("more than 5 steps");
        assertThat(calls).isEmpty();
    }

    private GraphQLResponse execute(Map<String, Object> variables) {
        return gateway.execute(new GraphQLRequest(ORDERS_IF_ASKED, null, RawVariables.of(variables)), RequestContext.NONE).block();
    }

    private Mono<FetchResult> answer(FetchRequest request) {
        calls.add(request);
        if (request.subgraph().equals("users")) {
            Map<String, Object> me = new LinkedHashMap<>(Map.of("name", "Ada", "id", "1", "__typename", "User"));
            return Mono.just(FetchResult.root(JsonObject.from(Map.of("me", me)), List.of()));
        }
        Map<String, Object> user = new LinkedHashMap<>(Map.of("orders", List.of(new LinkedHashMap<>(Map.of("id", "9")))));
        return Mono.just(FetchResult.entities(List.of(JsonObject.from(user)), List.of()));
    }
}
