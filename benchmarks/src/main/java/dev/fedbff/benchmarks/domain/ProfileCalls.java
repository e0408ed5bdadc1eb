package dev.fedbff.benchmarks.domain;

import dev.fedbff.gateway.core.Json;
import dev.fedbff.sample.SeedData;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backend calls the profile query's plan makes, written out so that a load generator can make them itself, straight
 * at the backends: level 1 asks users for user 42, level 2 asks orders for the user's five newest orders, level 3 asks
 * products for the products in them and payments for their payments, in parallel. The critical path of a direct client
 * is level 1 + level 2 + the slower call of level 3.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.fedbff.benchmarks.domain.ProfileCalls} prints one call a line:
 * {@code <level> <service> <method> <path> <JSON body or ->}, tab-separated.
 */
public final class ProfileCalls {

    static final String USER_ID = "42";
    static final int ORDERS = 5;

    private static final String USER_QUERY = "query Profile__users__0 { user(id: \"" + USER_ID + "\") { id name __typename } }";
    private static final String ORDERS_QUERY = "query Profile__orders__1($representations: [_Any!]!) { _entities(representations: "
            + "$representations) { ... on User { orders(first: " + ORDERS + ") { id total status items { quantity product "
            + "{ __typename id } } __typename } } } }";

    private ProfileCalls() {
    }

    public record Call(int level, String service, String method, String path, String body) {
        String line() {
            return level + "\t" + service + "\t" + method + "\t" + path + "\t" + (body.isEmpty() ? "-" : body);
        }
    }

    public static List<Call> calls() {
        List<String> orderIds = SeedData.orderIdsOfUser(USER_ID).subList(0, ORDERS);
        Set<String> productIds = new LinkedHashSet<>();
        orderIds.forEach(id -> SeedData.order(id).items().forEach(item -> productIds.add(item.productId())));
        Map<String, Object> ordersRequest = Map.of("query", ORDERS_QUERY,
                "variables", Map.of("representations", List.of(Map.of("__typename", "User", "id", USER_ID))));
        return List.of(
                new Call(1, "users", "POST", "/graphql", json(Map.of("query", USER_QUERY))),
                new Call(2, "orders", "POST", "/graphql", json(ordersRequest)),
                new Call(3, "products", "GET", "/products?ids=" + String.join(",", productIds), ""),
                new Call(3, "payments", "GET", "/payments?orderIds=" + String.join(",", orderIds), ""));
    }

    private static String json(Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        calls().forEach(call -> System.out.println(call.line()));
    }
}
