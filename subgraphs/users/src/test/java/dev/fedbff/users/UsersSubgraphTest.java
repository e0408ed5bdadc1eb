package dev.fedbff.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fedbff.kit.testing.GraphQlServiceTest;
import dev.fedbff.sample.SeedData;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsersSubgraphTest extends GraphQlServiceTest {

    private static final String USER_FIELDS = "id name email createdAt";
    private static final String ENTITIES = "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { " + USER_FIELDS + " } } }";

    @Autowired
    MeterRegistry meters;

    @Test
    void meIsTheUserNamedByTheForwardedHeader() {
        JsonNode me = graphQl.post("{ me { " + USER_FIELDS + " } }", "X-User-Id", "42").at("/data/me");
        SeedData.User expected = SeedData.user("42");

        assertThat(me.get("id").asString()).isEqualTo("42");
        assertThat(me.get("name").asString()).isEqualTo(expected.name());
        assertThat(me.get("email").asString()).isEqualTo(expected.email());
        assertThat(me.get("createdAt").asString()).isEqualTo("2025-01-02T18:00:00Z");
    }

    @Test
    void meIsNullWithoutHeaderOrForUnknownUser() {
        assertThat(graphQl.post("{ me { id } }").at("/data/me").isNull()).isTrue();
        assertThat(graphQl.post("{ me { id } }", "X-User-Id", "1001").at("/data/me").isNull()).isTrue();
    }

    @Test
    void userByIdOrNull() {
        JsonNode data = graphQl.post("{ known: user(id: \"7\") { id } unknown: user(id: \"nope\") { id } }").get("data");

        assertThat(data.at("/known/id").asString()).isEqualTo("7");
        assertThat(data.get("unknown").isNull()).isTrue();
    }

    @Test
    void usersPagesForwardWithEndCursor() {
        String page = "query($after: String) { users(first: 3, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";
        JsonNode first = graphQl.post(page, Map.of()).at("/data/users");
        assertThat(ids(first)).containsExactly("1", "2", "3");
        assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();

        JsonNode second = graphQl.post(page, Map.of("after", first.at("/pageInfo/endCursor").asString())).at("/data/users");
        assertThat(ids(second)).containsExactly("4", "5", "6");
    }

    @Test
    void usersClampsPageSizeAndEndsOnLastPage() {
        assertThat(ids(graphQl.post("{ users(first: 0) { edges { node { id } } } }").at("/data/users"))).containsExactly("1");
        assertThat(graphQl.post("{ users(first: 500) { edges { node { id } } } }").at("/data/users/edges").size()).isEqualTo(100);

        JsonNode page = graphQl.post("query($after: String) { users(after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }",
                Map.of("after", Cursor.of("995"))).at("/data/users");
        assertThat(ids(page)).containsExactly("996", "997", "998", "999", "1000");
        assertThat(page.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void badCursorIsAGraphQlError() {
        JsonNode response = graphQl.post("{ users(after: \"not a cursor\") { edges { cursor } } }");

        assertThat(response.at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.at("/errors/0/path/0").asString()).isEqualTo("users");
    }

    @Test
    void entitiesResolveInRequestOrderWithNullForUnknown() {
        List<Map<String, Object>> reps = List.of(user("3"), user("999999"), user("1"));

        JsonNode entities = graphQl.post(ENTITIES, Map.of("reps", reps)).at("/data/_entities");

        assertThat(entities.size()).isEqualTo(3);
        assertThat(entities.at("/0/id").asString()).isEqualTo("3");
        assertThat(entities.at("/0/name").asString()).isNotBlank();
        assertThat(entities.get(1).isNull()).isTrue();
        assertThat(entities.at("/2/id").asString()).isEqualTo("1");
    }

    @Test
    void fiftyRepresentationsAreLoadedInOneBatch() {
        List<Map<String, Object>> reps = IntStream.rangeClosed(101, 150).mapToObj(n -> user(String.valueOf(n))).toList();
        double before = meters.counter(UserBatchLoader.BATCHES_METRIC).count();

        JsonNode entities = graphQl.post(ENTITIES, Map.of("reps", reps)).at("/data/_entities");

        assertThat(entities.size()).isEqualTo(50);
        assertThat(entities.at("/49/id").asString()).isEqualTo("150");
        assertThat(meters.counter(UserBatchLoader.BATCHES_METRIC).count() - before).isEqualTo(1.0);
    }

    private static Map<String, Object> user(String id) {
        return Map.of("__typename", "User", "id", id);
    }

    private static List<String> ids(JsonNode connection) {
        return connection.get("edges").valueStream().map(e -> e.at("/node/id").asString()).toList();
    }
}
