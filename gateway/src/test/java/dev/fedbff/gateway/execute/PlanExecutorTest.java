package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.ResponseError;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.connect.RestCall;
import dev.fedbff.gateway.connect.RestCalls;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.connect.SubgraphCallException;
import dev.fedbff.gateway.connect.SubgraphConnector;
import dev.fedbff.gateway.plan.Operation;
import dev.fedbff.gateway.plan.QueryPlan;
import dev.fedbff.gateway.plan.QueryPlanner;
import graphql.execution.RawVariables;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs real plans against in-memory backends that record every call they receive, and checks both the calls
 * and the merged answer.
 */
class PlanExecutorTest {

    static final Supergraph SUPERGRAPH = SchemaFixtures.supergraph();

    static final String PROFILE = """
            query Profile {
              me {
                id
                name
                orders(first: 5) {
                  id
                  total
                  items { quantity product { name price } }
                  payment { status }
                }
              }
            }
            """;

    /** The backends' data: user u1 has order o1 (two lines of lamp p1, one of desk p2) and order o2 (one lamp). */
    private final Backends backends = new Backends();

    @Test
    void theProfileQueryMakesOneCallPerSubgraph() {
        execute(PROFILE);

        assertThat(backends.calls).extracting(FetchRequest::subgraph)
                .containsExactlyInAnyOrder("users", "orders", "products", "payments");
    }

    @Test
    void anEntityFetchSendsEachDistinctRepresentationOnce() {
        execute(PROFILE);

        assertThat(urls(backends.call("products"))).containsExactly("http://products/products?ids=p1,p2");
        assertThat(urls(backends.call("payments"))).containsExactly("http://payments/payments?orderIds=o1,o2");
        assertThat(backends.call("orders").graphql().representations()).containsExactly(JsonObject.of("__typename", "User", "id", "u1"));
    }

    @Test
    void eachEntityAnswerReachesEveryObjectThatAskedForIt() {
        ExecutionResult result = execute(PROFILE);

        assertThat(result.errors()).isEmpty();
        assertThat(merged(result)).isEqualTo(read(canonical("""
                {'me': {'id': 'u1', 'name': 'Ada', 'orders': [
                  {'id': 'o1', 'total': 3500,
                   'items': [{'quantity': 2, 'product': {'id': 'p1', 'name': 'Lamp', 'price': 1000}},
                             {'quantity': 1, 'product': {'id': 'p2', 'name': 'Desk', 'price': 1500}},
                             {'quantity': 3, 'product': {'id': 'p1', 'name': 'Lamp', 'price': 1000}}],
                   'payment': {'status': 'CAPTURED'}},
                  {'id': 'o2', 'total': 1000,
                   'items': [{'quantity': 1, 'product': {'id': 'p1', 'name': 'Lamp', 'price': 1000}}],
                   'payment': {'status': 'AUTHORIZED'}}]}}
                """)));
    }

    @Test
    void aFailedSubgraphGivesOneErrorPerFieldItShouldHaveFilledAndTheRestStillAnswers() {
        backends.down("payments");

        ExecutionResult result = execute(PROFILE);

        assertThat(result.errors()).extracting(ResponseError::path).containsExactly(
                List.of("me", "orders", 0, "payment"),
                List.of("me", "orders", 1, "payment"));
        assertThat(result.errors()).allSatisfy(error -> {
            assertThat(error.message()).isEqualTo("payments is unavailable");
            assertThat(error.code()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(error.service()).isEqualTo("payments");
        });
        assertThat(merged(result)).as("no payment, the rest merged").isEqualTo(read(canonical("""
                {'me': {'id': 'u1', 'name': 'Ada', 'orders': [
                  {'id': 'o1', 'total': 3500,
                   'items': [{'quantity': 2, 'product': {'id': 'p1', 'name': 'Lamp', 'price': 1000}},
                             {'quantity': 1, 'product': {'id': 'p2', 'name': 'Desk', 'price': 1500}},
                             {'quantity': 3, 'product': {'id': 'p1', 'name': 'Lamp', 'price': 1000}}]},
                  {'id': 'o2', 'total': 1000,
                   'items': [{'quantity': 1, 'product': {'id': 'p1', 'name': 'Lamp', 'price': 1000}}]}]}}
                """)));
    }

    @Test
    void aFailedRootFetchIsAnErrorAtItsFieldAndItsDependentsAreNotCalled() {
        backends.down("users");

        ExecutionResult result = execute(PROFILE);

        assertThat(backends.calls).extracting(FetchRequest::subgraph).containsExactly("users");
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(List.of("me"));
            assertThat(error.code()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(error.service()).isEqualTo("users");
        });
        assertThat(merged(result)).isEqualTo(Map.of());
    }

    @Test
    void noEntityCallIsMadeWhenThereIsNothingToResolve() {
        backends.anonymous = true;

        ExecutionResult result = execute(PROFILE);

        assertThat(backends.calls).extracting(FetchRequest::subgraph).containsExactly("users");
        assertThat(result.errors()).isEmpty();
        assertThat(merged(result)).isEqualTo(read(canonical("{'me': null}")));
    }

    @Test
    void entityErrorsFromASubgraphPointAtTheClientPath() {
        backends.userErrors = true;

        ExecutionResult result = execute("{ order(id: \"o1\") { id user { name } } }");

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(List.of("order", "user", "name"));
            assertThat(error.message()).isEqualTo("name is hidden");
            assertThat(error.code()).isEqualTo("FORBIDDEN");
            assertThat(error.service()).isEqualTo("users");
        });
    }

    @Test
    void variablesReachOnlyTheFetchesThatUseThem() {
        String query = "query($id: ID!, $n: Int) { order(id: $id) { id } me { name orders(first: $n) { id } } }";

        execute(query, Map.of("id", "o1", "n", 1));

        assertThat(backends.calls).extracting(call -> call.subgraph() + (call.entity() ? " entity " : " root ") + call.graphql().variables())
                .containsExactlyInAnyOrder("orders root {\"id\":\"o1\"}", "users root {}", "orders entity {\"n\":1}");
    }

    private static List<String> urls(FetchRequest request) {
        return ((RestCalls) request.call()).calls().stream().map(call -> call.url().toString()).toList();
    }

    private ExecutionResult execute(String query) {
        return execute(query, Map.of());
    }

    private ExecutionResult execute(String query, Map<String, Object> variables) {
        QueryPlan plan = new QueryPlanner(SUPERGRAPH).plan(operation(query), RawVariables.of(variables));
        return new PlanExecutor(backends).execute(SUPERGRAPH, plan, OperationContext.of(operation(query), RawVariables.of(variables))).block(Duration.ofSeconds(5));
    }

    /** The merged answer as JSON, without the {@code __typename}s the plan asked for to route entities. */
    private static Object merged(ExecutionResult result) {
        return withoutTypenames(read(json(result.data())));
    }

    private static Object withoutTypenames(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((key, item) -> {
                if (!"__typename".equals(key)) {
                    out.put(key, withoutTypenames(item));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PlanExecutorTest::withoutTypenames).toList();
        }
        return value;
    }

    private static Operation operation(String query) {
        return Operation.select(Parser.parse(query), null);
    }

    private static String json(Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    private static String canonical(String singleQuoted) {
        return json(read(singleQuoted.replace('\'', '"')));
    }

    private static Object read(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** In-memory backends answering in the shape each fetch asked for; every request is recorded. */
    private static final class Backends implements SubgraphConnector {
        final List<FetchRequest> calls = new CopyOnWriteArrayList<>();
        final List<String> down = new ArrayList<>();
        boolean anonymous;
        boolean userErrors;

        void down(String subgraph) {
            down.add(subgraph);
        }

        FetchRequest call(String subgraph) {
            return calls.stream().filter(c -> c.subgraph().equals(subgraph)).findFirst().orElseThrow();
        }

        @Override
        public Mono<FetchResult> fetch(FetchRequest request) {
            calls.add(request);
            if (down.contains(request.subgraph())) {
                return Mono.error(new SubgraphCallException(request.subgraph(), "SERVICE_UNAVAILABLE", request.subgraph() + " is unavailable", 503));
            }
            return Mono.fromSupplier(() -> switch (request.subgraph()) {
                case "users" -> users(request);
                case "orders" -> orders(request);
                case "products" -> rest(request, """
                        [{'id': 'p1', 'name': 'Lamp', 'priceCents': 1000}, {'id': 'p2', 'name': 'Desk', 'priceCents': 1500}]""");
                case "payments" -> rest(request, """
                        [{'orderId': 'o1', 'status': 'CAPTURED'}, {'orderId': 'o2', 'status': 'AUTHORIZED'}]""");
                default -> throw new IllegalStateException(request.subgraph());
            });
        }

        private FetchResult users(FetchRequest request) {
            if (request.entity()) {
                List<ResponseError> errors = userErrors
                        ? List.of(ResponseError.fromSubgraph("users", "name is hidden", List.of("_entities", 0, "name"), JsonObject.of("code", "FORBIDDEN")))
                        : List.of();
                return FetchResult.entities(request.graphql().representations().stream().<Object>map(r -> userErrors
                        ? mutable("{'name': null}") : mutable("{'name': 'Ada'}")).toList(), errors);
            }
            return FetchResult.root(anonymous ? mutable("{'me': null}") : mutable("{'me': {'id': 'u1', 'name': 'Ada', '__typename': 'User'}}"), List.of());
        }

        private static FetchResult orders(FetchRequest request) {
            if (!request.entity()) {
                return FetchResult.root(mutable("{'order': {'id': 'o1', 'user': {'__typename': 'User', 'id': 'u1'}}}"), List.of());
            }
            return FetchResult.entities(List.of(mutable("""
                    {'orders': [
                      {'id': 'o1', 'total': 3500, '__typename': 'Order', 'items': [
                        {'quantity': 2, 'product': {'__typename': 'Product', 'id': 'p1'}},
                        {'quantity': 1, 'product': {'__typename': 'Product', 'id': 'p2'}},
                        {'quantity': 3, 'product': {'__typename': 'Product', 'id': 'p1'}}]},
                      {'id': 'o2', 'total': 1000, '__typename': 'Order', 'items': [
                        {'quantity': 1, 'product': {'__typename': 'Product', 'id': 'p1'}}]}]}
                    """)), List.of());
        }

        /** A REST backend's batched answer, read as the REST connector reads it: through the call's own reader. */
        @SuppressWarnings("unchecked")
        private static FetchResult rest(FetchRequest request, String singleQuotedJson) {
            RestCall call = ((RestCalls) request.call()).calls().get(0);
            return FetchResult.entities((List<Object>) call.answer().read(Json.tree(singleQuotedJson.replace('\'', '"').getBytes(StandardCharsets.UTF_8))), List.of());
        }

        /** A fresh, mutable JSON object, as a real connector's parser would give it. */
        private static JsonObject mutable(String singleQuoted) {
            return (JsonObject) Json.tree(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        }
    }
}
