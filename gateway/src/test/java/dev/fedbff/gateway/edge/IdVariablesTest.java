package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.execute.PlanExecutor;
import graphql.execution.RawVariables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** An {@code ID} variable takes a string or an integer, as the GraphQL spec says, however deep in an input it sits. */
class IdVariablesTest {

    static final String USER = "query($id: ID!) { user(id: $id) { id } }";
    static final String PLACE_ORDER = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }";

    final List<FetchRequest> calls = new CopyOnWriteArrayList<>();
    final GraphQLGateway gateway = new GraphQLGateway(SchemaFixtures.supergraph(), new PlanExecutor(this::answer), 10);

    static Stream<Arguments> notAnId() {
        return Stream.of(
                Arguments.of("an object", USER, Map.of("id", Map.of("a", 1)), "'object'"),
                Arguments.of("a list", USER, Map.of("id", List.of("1", "2")), "'list'"),
                Arguments.of("a boolean", USER, Map.of("id", true), "'Boolean'"),
                Arguments.of("a fraction", USER, Map.of("id", 1.5), "'Double'"),
                Arguments.of("an object inside an input object's list", PLACE_ORDER,
                        Map.of("input", Map.of("items", List.of(Map.of("productId", Map.of("x", 1), "quantity", 1)))), "'object'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAnId")
    void anythingButAStringOrAnIntegerIsABadRequest(String name, String query, Map<String, Object> variables, String kind) {
        GraphQLResponse response = gateway.execute(new GraphQLRequest(query, null, RawVariables.of(variables)), RequestContext.NONE).block();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().toMap().toString()).contains("BAD_USER_INPUT").contains("an ID must be a string or an integer").contains(kind);
        assertThat(calls).isEmpty();
    }

    static Stream<Arguments> ids() {
        return Stream.of(
                Arguments.of(USER, Map.of("id", "42")),
                Arguments.of(USER, Map.of("id", 42)),
                Arguments.of(USER, Map.of("id", new BigInteger("123456789012345678901234567890"))),
                Arguments.of(PLACE_ORDER, Map.of("input", Map.of("items", List.of(Map.of("productId", "7", "quantity", 1), Map.of("productId", 8, "quantity", 2))))),
                Arguments.of(PLACE_ORDER, Map.of("input", Map.of("items", Map.of("productId", "7", "quantity", 1)))));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("ids")
    void stringsAndIntegersPass(String query, Map<String, Object> variables) {
        GraphQLResponse response = gateway.execute(new GraphQLRequest(query, null, RawVariables.of(variables)), RequestContext.NONE).block();

        assertThat(response.status()).as(response.body().toMap().toString()).isEqualTo(200);
    }

    private Mono<FetchResult> answer(FetchRequest request) {
        calls.add(request);
        return Mono.just(FetchResult.root(new JsonObject(), List.of()));
    }
}
