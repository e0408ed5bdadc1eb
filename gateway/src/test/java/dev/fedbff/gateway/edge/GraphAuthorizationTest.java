package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.execute.PlanExecutor;
import graphql.execution.RawVariables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Apollo's {@code @authenticated} and {@code @requiresScopes} in subgraph schemas: a field the caller may not read is
 * {@code null} with an {@code UNAUTHORIZED_FIELD_OR_TYPE} error at its path, it is never fetched, and the rest of the
 * response is served.
 */
class GraphAuthorizationTest {

    static final String ACCOUNTS = """
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@authenticated", "@requiresScopes"])
            type Query { me: User, staff: [User!]! @requiresScopes(scopes: [["staff:read"], ["admin"]]) }
            type User @key(fields: "id") {
              id: ID!
              name: String!
              email: String @authenticated
              salary: Int @requiresScopes(scopes: [["payroll:read", "staff:read"]])
              manager: Manager
            }
            type Manager @authenticated { name: String! }
            """;
    static final String QUERY = "{ me { name email salary manager { name } } }";

    final List<FetchRequest> calls = new CopyOnWriteArrayList<>();
    final GraphQLGateway gateway = new GraphQLGateway(new SupergraphComposer().compose(List.of(new SchemaFile("schema/accounts.graphqls", ACCOUNTS))),
            new PlanExecutor(this::answer), 100);

    static Stream<Arguments> callers() {
        Map<String, Object> everything = me("Ada", "ada@example.com", 100, Map.of("name", "Grace"));
        return Stream.of(
                arguments("anonymous", Caller.ANONYMOUS, me("Ada", null, null, null), List.of("email", "salary", "manager"), "{me{name}}"),
                arguments("signed in, no scopes", caller(Set.of()), me("Ada", "ada@example.com", null, Map.of("name", "Grace")), List.of("salary"),
                        "{me{name email manager{name}}}"),
                arguments("one scope of the pair is not enough", caller(Set.of("payroll:read")), me("Ada", "ada@example.com", null, Map.of("name", "Grace")),
                        List.of("salary"), "{me{name email manager{name}}}"),
                arguments("both scopes", caller(Set.of("payroll:read", "staff:read")), everything, List.of(),
                        "{me{name email salary manager{name}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    @SuppressWarnings("unchecked")
    void unauthorizedFieldsAreNullWithAnErrorAndNeverFetched(String name, Caller caller, Map<String, Object> me, List<String> denied, String sent) {
        GraphQLResponse response = gateway.execute(new GraphQLRequest(QUERY, null, RawVariables.emptyVariables()), RequestContext.of(caller)).block();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().toMap().get("data")).isEqualTo(Map.of("me", me));
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.body().toMap().getOrDefault("errors", List.of());
        assertThat(errors).extracting(e -> e.get("path")).containsExactlyElementsOf(denied.stream().map(f -> List.of("me", f)).toList());
        assertThat(errors).allSatisfy(e -> assertThat(e.get("extensions")).isEqualTo(Map.of("code", "UNAUTHORIZED_FIELD_OR_TYPE")));
        assertThat(calls).singleElement().satisfies(call -> assertThat(call.graphql().operation()).isEqualTo(sent));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rootCallers")
    void aRootFieldNeedsOneOfItsScopeSets(String name, Caller caller, boolean allowed) {
        GraphQLResponse response = gateway.execute(new GraphQLRequest("{ staff { name } }", null, RawVariables.emptyVariables()), RequestContext.of(caller)).block();

        assertThat(response.body().toMap().containsKey("errors")).isEqualTo(!allowed);
        assertThat(calls).hasSize(allowed ? 1 : 0);
        if (!allowed) {
            assertThat(response.body().toMap()).containsEntry("data", null);
        }
    }

    static Stream<Arguments> rootCallers() {
        return Stream.of(arguments("no scope", caller(Set.of()), false), arguments("staff:read", caller(Set.of("staff:read")), true),
                arguments("admin", caller(Set.of("admin")), true));
    }

    private static Caller caller(Set<String> scopes) {
        return new Caller("42", List.of(), null, scopes);
    }

    private static Map<String, Object> me(String name, String email, Integer salary, Map<String, Object> manager) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", name);
        me.put("email", email);
        me.put("salary", salary);
        me.put("manager", manager);
        return me;
    }

    private Mono<FetchResult> answer(FetchRequest request) {
        calls.add(request);
        Map<String, Object> user = new LinkedHashMap<>(Map.of("id", "1", "__typename", "User", "name", "Ada", "email", "ada@example.com", "salary", 100,
                "manager", new LinkedHashMap<>(Map.of("name", "Grace"))));
        List<Object> staff = new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("name", "Alan"))));
        return Mono.just(FetchResult.root(JsonObject.from(Map.of("me", user, "staff", staff)), List.of()));
    }
}
