package dev.fedbff.e2e;

import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.sample.SeedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile query from DESIGN.md, answered by both BFFs from the four backends running as processes. */
class ProfileQueryIT {

    static final String PROFILE = "query Profile { me { id name orders(first: 5) { id total status "
            + "items { quantity product { name price } } payment { status method } } } }";

    final LocalSystem system = LocalSystem.shared();

    @AfterEach
    void releaseProxies() {
        system.proxy("products").rendezvous(null);
        system.proxy("payments").rendezvous(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-bff", "mobile-bff"})
    void profileComesFromAllFourBackends(String bff) {
        GraphQLClient.Response response = GraphQLClient.post(system.graphql(bff), system.token("42"), GraphQLClient.query(PROFILE));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(Map.of("data", Map.of("me", expectedProfile("42", 5))));
    }

    @Test
    void eachBackendIsCalledOnceWithBatchedEntities() {
        system.clearCalls();

        GraphQLClient.post(system.graphql("web-bff"), system.token("42"), GraphQLClient.query(PROFILE));

        List<String> orderIds = SeedData.orderIdsOfUser("42").subList(0, 5);
        Set<String> productIds = new LinkedHashSet<>();
        orderIds.forEach(id -> SeedData.order(id).items().forEach(item -> productIds.add(item.productId())));
        assertThat(system.proxy("users").calls()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.text()).contains("me");
        });
        assertThat(system.proxy("orders").calls()).singleElement().satisfies(call -> assertThat(call.text()).contains("_entities"));
        assertThat(system.proxy("products").calls()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("GET");
            assertThat(idsIn(call.target(), "/products?ids=")).containsExactlyInAnyOrderElementsOf(productIds);
        });
        assertThat(system.proxy("payments").calls()).singleElement().satisfies(call ->
                assertThat(idsIn(call.target(), "/payments?orderIds=")).containsExactlyElementsOf(orderIds));
    }

    @Test
    void fetchesOfOnePlanLevelAreInFlightTogether() {
        CyclicBarrier bothArrived = new CyclicBarrier(2);
        system.proxy("products").rendezvous(bothArrived);
        system.proxy("payments").rendezvous(bothArrived);
        system.clearCalls();

        GraphQLClient.Response response = GraphQLClient.post(system.graphql("web-bff"), system.token("42"), GraphQLClient.query(PROFILE));

        assertThat(response.status()).isEqualTo(200);
        RecordingBackend.Call users = system.proxy("users").calls().get(0);
        RecordingBackend.Call orders = system.proxy("orders").calls().get(0);
        RecordingBackend.Call products = system.proxy("products").calls().get(0);
        RecordingBackend.Call payments = system.proxy("payments").calls().get(0);
        assertThat(products.overlaps(payments)).as("products and payments calls overlap").isTrue();
        assertThat(users.answeredNanos()).isLessThan(orders.arrivedNanos());
        assertThat(orders.answeredNanos()).isLessThan(Math.min(products.arrivedNanos(), payments.arrivedNanos()));
    }

    @Test
    void backendsSeeTheTokensSubjectNeverAClientIdentityHeader() {
        system.clearCalls();
        java.net.http.HttpRequest spoofed = java.net.http.HttpRequest.newBuilder(system.graphql("web-bff"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + system.token("42"))
                .header("X-User-Id", "7").POST(java.net.http.HttpRequest.BodyPublishers.ofString(GraphQLClient.query("{ me { id } }"))).build();
        try {
            java.net.http.HttpClient.newHttpClient().send(spoofed, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        assertThat(system.proxy("users").calls()).singleElement().satisfies(call -> assertThat(call.header("X-User-Id")).isEqualTo("42"));
    }

    static List<String> idsIn(String target, String prefix) {
        assertThat(target).startsWith(prefix);
        return Arrays.asList(target.substring(prefix.length()).split(","));
    }

    static Map<String, Object> expectedProfile(String userId, int first) {
        List<Object> orders = new ArrayList<>();
        for (String id : SeedData.orderIdsOfUser(userId).subList(0, first)) {
            SeedData.Order order = SeedData.order(id);
            List<Object> items = new ArrayList<>();
            order.items().forEach(item -> items.add(Map.of("quantity", item.quantity(), "product",
                    Map.of("name", SeedData.product(item.productId()).name(), "price", SeedData.product(item.productId()).priceCents()))));
            SeedData.Payment payment = SeedData.paymentOfOrder(id);
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("id", id);
            expected.put("total", order.totalCents());
            expected.put("status", order.status().name());
            expected.put("items", items);
            expected.put("payment", payment == null ? null : Map.of("status", payment.status(), "method", payment.method()));
            orders.add(expected);
        }
        return Map.of("id", userId, "name", SeedData.user(userId).name(), "orders", orders);
    }
}
