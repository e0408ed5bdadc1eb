package dev.fedbff.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one operation may cost differs per client: mobile-bff allows an estimated cost of 500, 13 levels and 15
 * aliases, web-bff 3,000, 15 and 30 (their application.yml). The ordinary operations run on both; an abusive one is
 * refused with 400, a code naming the limit and both numbers, before any backend is called.
 */
class OperationLimitsPerClientIT {

    /** 61: the profile query of DESIGN.md. */
    static final String PROFILE = ProfileQueryIT.PROFILE;
    /** 1 + 50 orders x 12 = 601: over a phone's 500, well within a browser's 3,000. */
    static final String FIFTY_ORDERS = "{ me { orders(first: 50) { id items { quantity product { name } } payment { status } } } }";
    /** 55,201: a hundred users with fifty orders each. */
    static final String EVERY_USERS_ORDERS = "{ users(first: 100) { edges { node { orders(first: 50) { items { product { name } } } } } } }";
    /** 14 levels deep, cheap (one order per level). */
    static final String DEEP = "{ me { " + "orders(first: 1) { user { ".repeat(6) + "id " + "} } ".repeat(6) + "} }";
    /** 20 aliases. */
    static final String ALIASES = "{ me { " + IntStream.rangeClosed(1, 20).mapToObj(i -> "n" + i + ": name").collect(Collectors.joining(" ")) + " } }";

    final LocalSystem system = LocalSystem.shared();

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "PROFILE, web-bff, ", "PROFILE, mobile-bff, ",
            "FIFTY_ORDERS, web-bff, ", "FIFTY_ORDERS, mobile-bff, COST_ESTIMATED_TOO_EXPENSIVE",
            "EVERY_USERS_ORDERS, web-bff, COST_ESTIMATED_TOO_EXPENSIVE",
            "DEEP, web-bff, ", "DEEP, mobile-bff, MAX_DEPTH_EXCEEDED",
            "ALIASES, web-bff, ", "ALIASES, mobile-bff, MAX_ALIASES_EXCEEDED"})
    void eachBffHasItsOwnMaxima(String name, String bff, String refusal) {
        system.clearCalls();

        GraphQLClient.Response response = post(bff, operation(name), false);

        if (refusal == null) {
            assertThat(response.json()).as(response.body()).doesNotContainKey("errors");
            assertThat(response.status()).isEqualTo(200);
            return;
        }
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).doesNotContainKey("data");
        assertThat(errors(response)).singleElement().extracting("extensions.code").isEqualTo(refusal);
        assertThat(LocalSystem.BACKENDS.stream().filter(b -> !system.proxy(b).calls().isEmpty()).toList()).as("backends called").isEmpty();
    }

    @Test
    void theCostRefusalNamesTheLimitAndBothNumbers() {
        GraphQLClient.Response mobile = post("mobile-bff", FIFTY_ORDERS, false);
        GraphQLClient.Response web = post("web-bff", EVERY_USERS_ORDERS, false);

        assertThat(errors(mobile).get(0)).containsEntry("message", "the operation is estimated to cost 601; at most 500 is allowed (fedbff.limits.max-cost)")
                .extracting("extensions.cost").isEqualTo(Map.of("estimated", 601, "max", 500));
        assertThat(errors(web).get(0)).containsEntry("message", "the operation is estimated to cost 55,201; at most 3,000 is allowed (fedbff.limits.max-cost)")
                .extracting("extensions.cost").isEqualTo(Map.of("estimated", 55201, "max", 3000));
        assertThat(errors(post("mobile-bff", DEEP, false)).get(0)).extracting("message").asString()
                .contains("14 levels deep; at most 13 are allowed (fedbff.limits.max-depth)");
        assertThat(errors(post("mobile-bff", ALIASES, false)).get(0)).extracting("message").asString()
                .contains("uses 20 aliases once its fragments are expanded; at most 15 are allowed (fedbff.limits.max-aliases)");
    }

    @Test
    void aHeaderAsksForTheEstimateInExtensions() {
        GraphQLClient.Response mobile = post("mobile-bff", PROFILE, true);
        GraphQLClient.Response web = post("web-bff", PROFILE, true);
        GraphQLClient.Response notAsked = post("web-bff", PROFILE, false);

        assertThat(mobile.json()).extracting("extensions.cost").isEqualTo(Map.of("estimated", 61, "max", 500));
        assertThat(web.json()).extracting("extensions.cost").isEqualTo(Map.of("estimated", 61, "max", 3000));
        assertThat(notAsked.json()).doesNotContainKey("extensions");
    }

    private static String operation(String name) {
        return switch (name) {
            case "PROFILE" -> PROFILE;
            case "FIFTY_ORDERS" -> FIFTY_ORDERS;
            case "EVERY_USERS_ORDERS" -> EVERY_USERS_ORDERS;
            case "DEEP" -> DEEP;
            default -> ALIASES;
        };
    }

    private GraphQLClient.Response post(String bff, String query, boolean exposeCost) {
        HttpRequest.Builder request = HttpRequest.newBuilder(system.graphql(bff)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/graphql-response+json")
                .header("Authorization", "Bearer " + system.token("42")).POST(HttpRequest.BodyPublishers.ofString(GraphQLClient.query(query)));
        if (exposeCost) {
            request.header("Fedbff-Expose-Cost", "true");
        }
        return GraphQLClient.send(request.build());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(GraphQLClient.Response response) {
        return (List<Map<String, Object>>) response.json().get("errors");
    }
}
