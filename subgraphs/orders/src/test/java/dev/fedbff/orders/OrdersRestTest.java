package dev.fedbff.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fedbff.kit.testing.JsonHttp.Reply;
import dev.fedbff.kit.testing.RestServiceTest;
import dev.fedbff.sample.SeedData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** The REST reads the BFFs' {@code /api/orders/**} route passes through to. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersRestTest extends RestServiceTest {

    @Test
    void ordersOfAUserAreNewestFirstAndPaged() {
        Reply reply = http.get("/orders?userId=42&first=3");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith(JSON);
        assertThat(ids(reply.body())).containsExactlyElementsOf(SeedData.orderIdsOfUser("42").subList(0, 3));
        assertThat(reply.body().at("/0/userId").asString()).isEqualTo("42");
        assertThat(reply.headers().firstValue("Cache-Control")).hasValue("max-age=5");
    }

    @Test
    void orderByIdCarriesItsItemsAndTotal() {
        SeedData.Order expected = SeedData.order("17");
        JsonNode order = http.get("/orders/17").body();

        assertThat(order.get("id").asString()).isEqualTo("17");
        assertThat(order.get("totalCents").asInt()).isEqualTo(expected.totalCents());
        assertThat(order.get("status").asString()).isEqualTo(expected.status().name());
        assertThat(order.get("items").size()).isEqualTo(expected.items().size());
    }

    @Test
    void unknownOrderIsA404AndAMissingUserIdA400Problem() {
        assertProblem(http.get("/orders/99999"), 404, "99999");
        assertProblem(http.get("/orders"), 400, "userId");
    }

    @Test
    void aUserWithoutOrdersHasAnEmptyList() {
        Reply reply = http.get("/orders?userId=nobody");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().isArray()).isTrue();
        assertThat(reply.body().size()).isZero();
    }

    private static List<String> ids(JsonNode orders) {
        List<String> ids = new ArrayList<>();
        orders.forEach(order -> ids.add(order.get("id").asString()));
        return ids;
    }
}
