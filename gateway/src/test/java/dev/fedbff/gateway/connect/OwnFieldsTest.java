package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.core.Deadline;
import dev.fedbff.gateway.core.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A BFF's own fields answer the planner's entity fetches in process, with the values the resolvers compute. */
class OwnFieldsTest {

    static final String PATH = "classpath:/mobile-bff.graphqls";
    static final String SCHEMA = """
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@external", "@requires"])
            type User @key(fields: "id") {
              id: ID!
              orders: [Order!]! @external
              openOrderCount: Int! @requires(fields: "orders { status }")
            }
            type Order @key(fields: "id") {
              id: ID!
              status: String! @external
              statusLabel: String! @requires(fields: "status")
            }
            """;

    static final OwnFields FIELDS = OwnFields.of(PATH, SCHEMA)
            .field("User", "openOrderCount", env -> ((List<?>) env.entity().get("orders")).size())
            .field("Order", "statusLabel", env -> env.locale(List.of(Locale.GERMAN, Locale.ENGLISH), Locale.ENGLISH).getLanguage() + ":" + env.entity().get("status"))
            .build();

    @Test
    void answersAnEntityFetchWithTheResolversValues() {
        GraphQLCall call = new GraphQLCall("query($representations:[_Any!]!){_entities(representations:$representations){... on User{openOrderCount}}}",
                JsonObject.EMPTY, List.of(JsonObject.of("__typename", "User", "id", "1", "orders", List.of(JsonObject.of("status", "PAID"), JsonObject.of("status", "SHIPPED")))));
        FetchRequest request = new FetchRequest("mobile-bff", true, false, call, Caller.ANONYMOUS, Deadline.none(), List.of());

        FetchResult result = FIELDS.fetch(request).block();

        assertThat(result.errors()).isEmpty();
        assertThat(result.entities()).containsExactly(JsonObject.of("openOrderCount", 2));
    }

    @Test
    void readsTheClientsLanguage() {
        GraphQLCall call = new GraphQLCall("query Q__mobile_bff__1($representations:[_Any!]!){_entities(representations:$representations){... on Order{statusLabel}}}",
                JsonObject.EMPTY, List.of(JsonObject.of("__typename", "Order", "id", "7", "status", "PAID")));
        FetchRequest request = new FetchRequest("mobile-bff", true, false, call, Caller.ANONYMOUS, Deadline.none(), Locale.LanguageRange.parse("de-AT, en;q=0.5"));

        assertThat(FIELDS.fetch(request).block().entities()).containsExactly(JsonObject.of("statusLabel", "de:PAID"));
    }

    @Test
    void refusesAFieldWithoutResolverAndAResolverWithoutField() {
        assertThatThrownBy(() -> OwnFields.of(PATH, SCHEMA).field("User", "openOrderCount", env -> 0).field("User", "bogus", env -> 0).build())
                .hasMessageContaining("a resolver for User.bogus, which classpath:/mobile-bff.graphqls does not declare")
                .hasMessageContaining("Order.statusLabel of classpath:/mobile-bff.graphqls has no resolver");
    }
}
