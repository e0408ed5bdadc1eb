package dev.fedbff.e2e;

import dev.fedbff.sample.SeedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fields each BFF adds for its client, resolved in the BFF's process from federated data: mobile-bff's
 * {@code User.openOrderCount} and localised {@code Order.statusLabel}, web-bff's {@code User.spendingByMonth}. The
 * backends see the same calls as without them: one per subgraph the plan needs, none for the own fields.
 */
class OwnFieldsIT {

    static final String USER = "42";
    static final String ORDERS_TAB = "query OrdersTab { me { name openOrderCount orders(first: 5) { id statusLabel payment { status } } } }";
    static final String ACCOUNT = "query Account { me { name spendingByMonth { month total orders } } }";
    static final Set<String> UNDER_WAY = Set.of("PENDING", "PAID", "SHIPPED");

    final LocalSystem system = LocalSystem.shared();

    @ParameterizedTest
    @CsvSource({"'de-CH;q=1.0, en;q=0.5', Bezahlt, Storniert", "fr, Payée, Annulée", "ja, Paid, Cancelled", "'', Paid, Cancelled"})
    void mobileCountsOpenOrdersAndLabelsStatusesInTheClientsLanguage(String acceptLanguage, String paid, String cancelled) {
        system.clearCalls();

        GraphQLClient.Response response = post("mobile-bff", ORDERS_TAB, acceptLanguage);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).doesNotContainKey("errors");
        Map<String, Object> me = me(response);
        List<String> latest = latestOrders(10);
        long open = latest.stream().filter(id -> UNDER_WAY.contains(SeedData.order(id).status().name())).count();
        assertThat(me).containsEntry("openOrderCount", (int) open);
        Map<String, String> labels = Map.of("PAID", paid, "CANCELLED", cancelled);
        List<Map<String, Object>> orders = list(me.get("orders"));
        assertThat(orders).hasSize(5);
        for (Map<String, Object> order : orders) {
            String status = SeedData.order((String) order.get("id")).status().name();
            if (labels.containsKey(status)) {
                assertThat(order).containsEntry("statusLabel", labels.get(status));
            }
            assertThat((String) order.get("statusLabel")).isNotBlank().hasSizeLessThanOrEqualTo(12);
        }
        assertOneCallEach(Set.of("users", "orders", "payments"));
    }

    @Test
    void webSumsSpendingPerMonthFromTheUsersOrders() {
        system.clearCalls();

        GraphQLClient.Response response = post("web-bff", ACCOUNT, "");

        assertThat(response.json()).doesNotContainKey("errors");
        Map<String, int[]> expected = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (String id : latestOrders(10)) {
            SeedData.Order order = SeedData.order(id);
            if (order.status() != SeedData.OrderStatus.CANCELLED) {
                int[] month = expected.computeIfAbsent(order.createdAt().toString().substring(0, 7), m -> new int[2]);
                month[0] += order.totalCents();
                month[1]++;
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        expected.forEach((month, sums) -> rows.add(row(month, sums[0], sums[1])));
        assertThat(me(response).get("spendingByMonth")).isEqualTo(rows);
        assertOneCallEach(Set.of("users", "orders"));
    }

    @Test
    void eachBffHasOnlyItsOwnFields() {
        GraphQLClient.Response mobile = post("mobile-bff", ACCOUNT, "");
        GraphQLClient.Response web = post("web-bff", "{ me { openOrderCount } }", "");

        assertThat(mobile.json()).doesNotContainKey("data");
        assertThat(mobile.body()).contains("'spendingByMonth'");
        assertThat(web.json()).doesNotContainKey("data");
        assertThat(web.body()).contains("'openOrderCount'");
    }

    private void assertOneCallEach(Set<String> called) {
        for (String backend : LocalSystem.BACKENDS) {
            assertThat(system.proxy(backend).calls()).as(backend + " calls").hasSize(called.contains(backend) ? 1 : 0);
        }
    }

    private static List<String> latestOrders(int first) {
        List<String> ids = SeedData.orderIdsOfUser(USER);
        return ids.subList(0, Math.min(first, ids.size()));
    }

    private static Map<String, Object> row(String month, int total, int orders) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("month", month);
        row.put("total", total);
        row.put("orders", orders);
        return row;
    }

    private GraphQLClient.Response post(String bff, String query, String acceptLanguage) {
        HttpRequest.Builder request = HttpRequest.newBuilder(system.graphql(bff)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + system.token(USER)).POST(HttpRequest.BodyPublishers.ofString(GraphQLClient.query(query)));
        if (!acceptLanguage.isEmpty()) {
            request.header("Accept-Language", acceptLanguage);
        }
        return GraphQLClient.send(request.build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> me(GraphQLClient.Response response) {
        return (Map<String, Object>) ((Map<String, Object>) response.json().get("data")).get("me");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
