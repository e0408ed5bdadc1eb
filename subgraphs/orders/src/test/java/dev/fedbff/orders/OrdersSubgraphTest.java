package dev.fedbff.orders;

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
class OrdersSubgraphTest extends GraphQlServiceTest {

    private static final String ORDER_FIELDS = "id total status createdAt items { quantity unitPrice product { id } } user { id }";
    private static final String USER_ORDERS = "query($reps: [_Any!]!, $first: Int) { _entities(representations: $reps) { ... on User { id orders(first: $first) { "
            + ORDER_FIELDS + " } } } }";
    private static final String PLACE_ORDER = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { " + ORDER_FIELDS + " } }";

    @Autowired
    MeterRegistry meters;

    @Test
    void userEntityCarriesTheUsersNewestOrders() {
        JsonNode user = graphQl.post(USER_ORDERS, Map.of("reps", List.of(user("42")), "first", 5)).at("/data/_entities/0");

        assertThat(user.get("id").asString()).isEqualTo("42");
        assertThat(ids(user.get("orders"))).containsExactlyElementsOf(SeedData.orderIdsOfUser("42").subList(0, 5));
        JsonNode newest = user.at("/orders/0");
        SeedData.Order expected = SeedData.order(newest.get("id").asString());
        assertThat(newest.get("total").asInt()).isEqualTo(expected.totalCents());
        assertThat(newest.get("status").asString()).isEqualTo(expected.status().name());
        assertThat(newest.get("createdAt").asString()).isEqualTo(expected.createdAt().toString());
        assertThat(newest.at("/user/id").asString()).isEqualTo("42");
        assertThat(newest.get("items").size()).isEqualTo(expected.items().size());
        assertThat(newest.at("/items/0/product/id").asString()).isEqualTo(expected.items().get(0).productId());
        assertThat(newest.at("/items/0/unitPrice").asInt()).isEqualTo(expected.items().get(0).unitPriceCents());
        assertThat(newest.at("/items/0/quantity").asInt()).isEqualTo(expected.items().get(0).quantity());
    }

    @Test
    void ordersFirstDefaultsToTenAndIsClamped() {
        assertThat(graphQl.post(USER_ORDERS, Map.of("reps", List.of(user("7")))).at("/data/_entities/0/orders").size()).isEqualTo(10);
        assertThat(graphQl.post(USER_ORDERS, Map.of("reps", List.of(user("7")), "first", -3)).at("/data/_entities/0/orders").size()).isZero();
        assertThat(graphQl.post(USER_ORDERS, Map.of("reps", List.of(user("7")), "first", 0)).at("/data/_entities/0/orders").size()).isZero();
    }

    @Test
    void ordersOfManyUsersAreLoadedInOneBatch() {
        List<Map<String, Object>> reps = IntStream.rangeClosed(201, 230).mapToObj(n -> user(String.valueOf(n))).toList();
        double before = meters.counter(OrdersOfUsersLoader.BATCHES_METRIC).count();

        JsonNode users = graphQl.post(USER_ORDERS, Map.of("reps", reps, "first", 2)).at("/data/_entities");

        assertThat(users.size()).isEqualTo(30);
        assertThat(ids(users.at("/29/orders"))).containsExactlyElementsOf(SeedData.orderIdsOfUser("230").subList(0, 2));
        assertThat(meters.counter(OrdersOfUsersLoader.BATCHES_METRIC).count() - before).isEqualTo(1.0);
    }

    @Test
    void orderEntitiesResolveInOneBatchWithNullForUnknown() {
        List<Map<String, Object>> reps = List.of(order("5"), order("999999"), order("9000"));
        double before = meters.counter(OrdersByIdLoader.BATCHES_METRIC).count();

        JsonNode orders = graphQl.post("query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { id total user { id } } } }",
                Map.of("reps", reps)).at("/data/_entities");

        assertThat(orders.at("/0/id").asString()).isEqualTo("5");
        assertThat(orders.at("/0/total").asInt()).isEqualTo(SeedData.order("5").totalCents());
        assertThat(orders.get(1).isNull()).isTrue();
        assertThat(orders.at("/2/user/id").asString()).isEqualTo(SeedData.order("9000").userId());
        assertThat(meters.counter(OrdersByIdLoader.BATCHES_METRIC).count() - before).isEqualTo(1.0);
    }

    @Test
    void orderByIdOrNull() {
        JsonNode data = graphQl.post("{ known: order(id: \"17\") { id status } unknown: order(id: \"0\") { id } }").get("data");

        assertThat(data.at("/known/id").asString()).isEqualTo("17");
        assertThat(data.at("/known/status").asString()).isEqualTo(SeedData.order("17").status().name());
        assertThat(data.get("unknown").isNull()).isTrue();
    }

    @Test
    void placedOrderIsPendingPricedFromTheCatalogueAndReadableAfterwards() {
        SeedData.Product product = SeedData.product("12");
        Map<String, Object> input = Map.of("items", List.of(Map.of("productId", "12", "quantity", 3)));

        JsonNode placed = graphQl.post(PLACE_ORDER, Map.of("input", input), "X-User-Id", "77").at("/data/placeOrder");

        String id = placed.get("id").asString();
        assertThat(Integer.parseInt(id)).isGreaterThan(SeedData.ORDERS);
        assertThat(placed.get("status").asString()).isEqualTo("PENDING");
        assertThat(placed.get("total").asInt()).isEqualTo(3 * product.priceCents());
        assertThat(placed.at("/items/0/unitPrice").asInt()).isEqualTo(product.priceCents());
        assertThat(placed.at("/user/id").asString()).isEqualTo("77");

        JsonNode readBack = graphQl.post("query($id: ID!) { order(id: $id) { id total status } }", Map.of("id", id)).at("/data/order");
        assertThat(readBack.get("id").asString()).isEqualTo(id);
        assertThat(readBack.get("total").asInt()).isEqualTo(3 * product.priceCents());

        JsonNode newest = graphQl.post(USER_ORDERS, Map.of("reps", List.of(user("77")), "first", 2)).at("/data/_entities/0/orders");
        assertThat(ids(newest)).containsExactly(id, SeedData.orderIdsOfUser("77").get(0));
    }

    @Test
    void placeOrderWithoutUserIsUnauthenticated() {
        JsonNode response = graphQl.post(PLACE_ORDER, Map.of("input", Map.of("items", List.of(Map.of("productId", "1", "quantity", 1)))));

        assertThat(response.at("/errors/0/extensions/code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.at("/data/placeOrder").isMissingNode() || response.at("/data/placeOrder").isNull()).isTrue();
    }

    @Test
    void placeOrderRejectsUnknownProductAndBadQuantity() {
        JsonNode unknownProduct = graphQl.post(PLACE_ORDER, Map.of("input", Map.of("items", List.of(Map.of("productId", "501", "quantity", 1)))),
                "X-User-Id", "3");
        JsonNode tooMany = graphQl.post(PLACE_ORDER, Map.of("input", Map.of("items", List.of(Map.of("productId", "1", "quantity", 101)))),
                "X-User-Id", "3");
        JsonNode none = graphQl.post(PLACE_ORDER, Map.of("input", Map.of("items", List.of(Map.of("productId", "1", "quantity", 0)))),
                "X-User-Id", "3");

        assertThat(unknownProduct.at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(tooMany.at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(none.at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        JsonNode stillTen = graphQl.post(USER_ORDERS, Map.of("reps", List.of(user("3")), "first", 100)).at("/data/_entities/0/orders");
        assertThat(stillTen.size()).isEqualTo(10);
    }

    private static Map<String, Object> user(String id) {
        return Map.of("__typename", "User", "id", id);
    }

    private static Map<String, Object> order(String id) {
        return Map.of("__typename", "Order", "id", id);
    }

    private static List<String> ids(JsonNode orders) {
        return orders.valueStream().map(o -> o.get("id").asString()).toList();
    }
}
