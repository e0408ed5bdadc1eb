package dev.fedbff.e2e;

import dev.fedbff.sample.SeedData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers to {@link ProfileQueryIT#PROFILE} for user 42 that are right when some backends fail: the whole
 * profile from {@link SeedData} when none does, else nulls and errors exactly where the failed backends' data
 * would have been, with GraphQL's null propagation applied. Anything else is wrong data.
 *
 * <ul>
 *   <li>orders failed: {@code me.orders} is {@code [Order!]!}, so {@code me} is null; one error at
 *       {@code me.orders}, and neither products nor payments is asked (nothing to ask them about);</li>
 *   <li>products failed: {@code product.name} and {@code .price} are non-null, and so are {@code OrderItem.product},
 *       {@code Order.items} and {@code User.orders}: {@code me} is null; an error at the name and the price of
 *       every item's product;</li>
 *   <li>payments failed: every {@code payment} is null (it is nullable) and has its error; everything else is
 *       there.</li>
 * </ul>
 */
final class ProfileOutcomes {

    static final String USER = "42";
    static final int ORDERS = 5;
    static final Set<String> FAILING = Set.of("orders", "products", "payments");

    private ProfileOutcomes() {
    }

    /** The whole answer: {@code {"data": {"me": ...}}} and no errors. */
    static Map<String, Object> whole() {
        return Map.of("data", Map.of("me", ProfileQueryIT.expectedProfile(USER, ORDERS)));
    }

    /** The data when the backends in {@code failed} did not answer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Set<String> failed) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (failed.contains("orders") || failed.contains("products")) {
            data.put("me", null);
            return data;
        }
        Map<String, Object> me = ProfileQueryIT.expectedProfile(USER, ORDERS);
        if (failed.contains("payments")) {
            ((List<Map<String, Object>>) me.get("orders")).forEach(order -> order.put("payment", null));
        }
        data.put("me", me);
        return data;
    }

    /** The paths of the errors when the backends in {@code failed} did not answer, in no particular order. */
    static List<List<Object>> errorPaths(Set<String> failed) {
        List<List<Object>> paths = new ArrayList<>();
        if (failed.contains("orders")) {
            paths.add(List.of("me", "orders"));
            return paths;
        }
        List<String> orderIds = SeedData.orderIdsOfUser(USER).subList(0, ORDERS);
        for (int order = 0; order < orderIds.size(); order++) {
            if (failed.contains("products")) {
                for (int item = 0; item < SeedData.order(orderIds.get(order)).items().size(); item++) {
                    paths.add(List.of("me", "orders", order, "items", item, "product", "name"));
                    paths.add(List.of("me", "orders", order, "items", item, "product", "price"));
                }
            }
            if (failed.contains("payments")) {
                paths.add(List.of("me", "orders", order, "payment"));
            }
        }
        return paths;
    }

    /**
     * Asserts that a client got a right answer: status 200, and either the whole profile or the profile with nulls
     * and errors exactly where the backends that failed would have answered, each error naming its backend and one
     * of the codes {@code allowed} for it. Returns the backends that failed.
     */
    @SuppressWarnings("unchecked")
    static Set<String> assertRight(GraphQLClient.Response response, Map<String, Set<String>> allowed) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).as(response.body()).isNotNull().containsKey("data");
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.json().getOrDefault("errors", List.of());
        Set<String> failed = new LinkedHashSet<>();
        for (Map<String, Object> error : errors) {
            Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
            assertThat(extensions).as(response.body()).isNotNull();
            String service = (String) extensions.get("serviceName");
            assertThat(allowed).as("a backend that was not made to fail failed: " + response.body()).containsKey(service);
            assertThat(allowed.get(service)).as(response.body()).contains((String) extensions.get("code"));
            failed.add(service);
        }
        assertThat(response.json().get("data")).as(response.body()).isEqualTo(data(failed));
        assertThat(errors).as(response.body()).extracting(error -> error.get("path"))
                .containsExactlyInAnyOrderElementsOf(errorPaths(failed));
        return failed;
    }

    /** Asserts that a client got the whole profile, no errors. */
    static void assertWhole(GraphQLClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).as(response.body()).isEqualTo(whole());
    }

    static boolean isWhole(GraphQLClient.Response response) {
        return response.status() == 200 && whole().equals(response.json());
    }
}
