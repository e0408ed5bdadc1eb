package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.execute.PlanExecutor;
import graphql.execution.RawVariables;
import graphql.introspection.IntrospectionQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a client sees when an operation is too deep, too wide or too big: a 400 whose error names the limit, and not
 * one backend call. Each limit is tested at its edge: the largest allowed operation passes, one more is refused.
 */
class OperationLimitsTest {

    static final Supergraph SUPERGRAPH = SchemaFixtures.supergraph();
    static final String SIX_DEEP = "{ me { orders { user { orders { user { id } } } } } }";

    final List<FetchRequest> calls = new CopyOnWriteArrayList<>();

    static Stream<Arguments> overLimit() {
        return Stream.of(
                Arguments.of("six levels, five allowed", limits(b -> b.maxDepth(5)), SIX_DEEP, "MAX_DEPTH_EXCEEDED", "nests 6 levels deep; at most 5"),
                Arguments.of("depth counted through fragments", limits(b -> b.maxDepth(5)),
                        "{ me { ...O } } fragment O on User { orders { ... on Order { user { orders { user { id } } } } } }", "MAX_DEPTH_EXCEEDED", "6 levels"),
                Arguments.of("three aliases, two allowed", limits(b -> b.maxAliases(2)),
                        "{ a: me { id } b: me { id } c: me { id } }", "MAX_ALIASES_EXCEEDED", "uses 3 aliases"),
                Arguments.of("aliases counted once per spread", limits(b -> b.maxAliases(4)),
                        "{ me { ...A } u: user(id: \"1\") { ...A } } fragment A on User { x: id y: name }", "MAX_ALIASES_EXCEEDED", "uses 5 aliases"),
                Arguments.of("three root fields, two allowed", limits(b -> b.maxRootFields(2)),
                        "{ me { id } user(id: \"1\") { id } order(id: \"1\") { id } }", "MAX_ROOT_FIELDS_EXCEEDED", "selects 3 root fields"),
                Arguments.of("root fields spread from a fragment on Query", limits(b -> b.maxRootFields(2)),
                        "query Q { ...Roots } fragment Roots on Query { me { id } order(id: \"1\") { id } product(id: \"1\") { id } }",
                        "MAX_ROOT_FIELDS_EXCEEDED", "operation Q selects 3 root fields"),
                Arguments.of("fragment bomb of 30 doublings", OperationLimits.DEFAULTS, fragmentBomb(30), "MAX_FIELDS_EXCEEDED",
                        "selects 2,147,483,649 fields once its fragments are expanded; at most 2000"),
                Arguments.of("fragment bomb past any count", OperationLimits.DEFAULTS, fragmentBomb(70), "MAX_FIELDS_EXCEEDED", "more than 9,223,372,036,854,775,807"),
                Arguments.of("more tokens than allowed", limits(b -> b.maxTokens(50)),
                        "{ me { " + IntStream.range(0, 30).mapToObj(i -> "f" + i + ": id").collect(Collectors.joining(" ")) + " } }",
                        "DOCUMENT_TOO_LARGE", "More than 50 'grammar' tokens"),
                Arguments.of("nesting the parser gives up on", OperationLimits.DEFAULTS, "{ a ".repeat(1000) + "}".repeat(1000),
                        "MAX_DEPTH_EXCEEDED", "deep 'grammar' rules"),
                Arguments.of("__schema with introspection off", limits(b -> b.introspection(false)),
                        "{ __schema { queryType { name } } }", "INTROSPECTION_DISABLED", "introspection is disabled"),
                Arguments.of("__type with introspection off", limits(b -> b.introspection(false)),
                        "{ me { id } __type(name: \"User\") { name } }", "INTROSPECTION_DISABLED", "__schema or __type"),
                Arguments.of("__schema hidden in a fragment", limits(b -> b.introspection(false)),
                        "{ ...Q } fragment Q on Query { ... on Query { __schema { types { name } } } }", "INTROSPECTION_DISABLED", "introspection"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overLimit")
    @Timeout(30)
    void anOperationOverALimitIsRefusedBeforeAnyBackendIsCalled(String name, OperationLimits limits, String query, String code, String message) {
        GraphQLResponse response = execute(limits, query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().toMap()).doesNotContainKey("data");
        Map<?, ?> error = errors(response).get(0);
        assertThat(error.get("extensions")).isEqualTo(Map.of("code", code));
        assertThat((String) error.get("message")).contains(message);
        assertThat(calls).isEmpty();
    }

    static Stream<Arguments> withinLimits() {
        return Stream.of(
                Arguments.of("six levels, six allowed", limits(b -> b.maxDepth(6)), SIX_DEEP),
                Arguments.of("two aliases, two allowed", limits(b -> b.maxAliases(2)), "{ a: me { id } b: me { name } }"),
                Arguments.of("no aliases allowed, none used", limits(b -> b.maxAliases(0)), "{ me { id name } }"),
                Arguments.of("two root fields, two allowed", limits(b -> b.maxRootFields(2)), "{ me { id } user(id: \"1\") { id } }"),
                Arguments.of("__typename with introspection off", limits(b -> b.introspection(false)), "{ __typename me { __typename id } }"),
                Arguments.of("a small fragment bomb", OperationLimits.DEFAULTS, fragmentBomb(9)),
                Arguments.of("GraphiQL's introspection query under the defaults", OperationLimits.DEFAULTS, IntrospectionQuery.INTROSPECTION_QUERY),
                Arguments.of("the introspection query under mobile-bff's limits (13 deep, cost 500)",
                        limits(b -> b.maxDepth(13).maxAliases(15).maxCost(500)), IntrospectionQuery.INTROSPECTION_QUERY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withinLimits")
    void anOperationWithinTheLimitsIsAnswered(String name, OperationLimits limits, String query) {
        GraphQLResponse response = execute(limits, query);

        assertThat(response.status()).as(response.body().toMap().toString()).isEqualTo(200);
        assertThat(response.body().toMap()).containsKey("data").doesNotContainKey("errors");
    }

    @Test
    void aLimitBelowOneIsRefusedNamingItsSetting() {
        assertThatThrownBy(() -> OperationLimits.builder().maxDepth(0)).hasMessage("fedbff.limits.max-depth must be at least 1, was 0");
        assertThatThrownBy(() -> OperationLimits.builder().maxTokens(-5)).hasMessageContaining("fedbff.limits.max-tokens");
        assertThatThrownBy(() -> OperationLimits.builder().maxAliases(-1)).hasMessageContaining("fedbff.limits.max-aliases");
    }

    @Test
    void aSyntaxErrorIsStillAParseFailure() {
        GraphQLResponse response = execute(OperationLimits.DEFAULTS, "{ me { id ");

        assertThat(errors(response).get(0).get("extensions")).isEqualTo(Map.of("code", "GRAPHQL_PARSE_FAILED"));
    }

    /** F0 selects two fields and each next fragment spreads the one before twice: F{n} selects 2^(n+1) fields. */
    static String fragmentBomb(int doublings) {
        StringBuilder query = new StringBuilder("{ me { ...F" + doublings + " } } fragment F0 on User { id name }");
        for (int i = 1; i <= doublings; i++) {
            query.append(" fragment F").append(i).append(" on User { ...F").append(i - 1).append(" ...F").append(i - 1).append(" }");
        }
        return query.toString();
    }

    private static OperationLimits limits(UnaryOperator<OperationLimits.Builder> settings) {
        return settings.apply(OperationLimits.builder()).build();
    }

    private GraphQLResponse execute(OperationLimits limits, String query) {
        GraphQLGateway gateway = new GraphQLGateway(SUPERGRAPH, new PlanExecutor(this::answer), 10, limits);
        return gateway.execute(new GraphQLRequest(query, null, RawVariables.emptyVariables()), RequestContext.NONE).block();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> errors(GraphQLResponse response) {
        return (List<Map<?, ?>>) response.body().toMap().get("errors");
    }

    private Mono<FetchResult> answer(FetchRequest request) {
        calls.add(request);
        return Mono.just(FetchResult.root(new JsonObject(), List.of()));
    }
}
