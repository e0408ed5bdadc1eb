package dev.fedbff.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fedbff.kit.testing.JsonHttp;
import dev.fedbff.kit.testing.JsonHttp.Reply;
import dev.fedbff.kit.testing.RestServiceTest;
import dev.fedbff.sample.SeedData;
import dev.fedbff.sample.SeedData.Order;
import dev.fedbff.sample.SeedData.Payment;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PaymentsApiTest extends RestServiceTest {

    @Test
    void seededPaymentIsServedByIdWithAnIsoInstant() {
        Payment seeded = SeedData.payments().get(0);

        Reply reply = http.get("/payments/" + seeded.id());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith(JSON);
        assertPayment(reply.body(), seeded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pay-nope", "pay-0", "17"})
    void unknownPaymentIsANotFoundProblem(String id) {
        assertProblem(http.get("/payments/" + id), 404, id);
    }

    @Test
    void unpaidOrdersHaveNoPaymentById() {
        String unpaid = unpaidOrderId();

        assertProblem(http.get("/payments/pay-" + unpaid), 404, "pay-" + unpaid);
    }

    @Test
    void batchByOrderIdsKeepsTheAskedOrderAndSkipsUnpaidAndUnknownOrders() {
        List<String> paid = SeedData.payments().stream().map(Payment::orderId).limit(2).toList();
        String asked = String.join(",", paid.get(1), unpaidOrderId(), paid.get(0), "99999", paid.get(1));

        Reply reply = http.get("/payments?orderIds=" + asked);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith(JSON);
        assertThat(reply.body().size()).isEqualTo(2);
        assertPayment(reply.body().get(0), SeedData.paymentOfOrder(paid.get(1)));
        assertPayment(reply.body().get(1), SeedData.paymentOfOrder(paid.get(0)));
    }

    @Test
    void batchOfMoreThanFiveHundredOrderIdsIsABadRequestProblem() {
        String orderIds = String.join(",", Collections.nCopies(501, "1"));

        assertProblem(http.get("/payments?orderIds=" + orderIds), 400, "501");
    }

    @Test
    void createdPaymentIsCapturedLocatedAndVisibleToBothReads() {
        String orderId = newOrderId();

        Reply created = http.post("/payments", request(orderId, 1234, "PAYPAL"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith(JSON);
        String id = created.body().get("id").asString();
        assertThat(id).startsWith("pay-").isNotEqualTo("pay-" + orderId);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/payments/" + id));
        assertThat(created.body().get("orderId").asString()).isEqualTo(orderId);
        assertThat(created.body().get("status").asString()).isEqualTo("CAPTURED");
        assertThat(created.body().get("method").asString()).isEqualTo("PAYPAL");
        assertThat(created.body().get("amountCents").asInt()).isEqualTo(1234);
        assertThat(created.body().get("createdAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
        assertThat(http.get("/payments/" + id).body()).isEqualTo(created.body());
        assertThat(http.get("/payments?orderIds=" + orderId).body().valueStream()).containsExactly(created.body());
    }

    @Test
    void sameIdempotencyKeyTwiceReturnsTheSamePaymentAndCreatesOne() {
        String orderId = newOrderId();
        String key = UUID.randomUUID().toString();

        Reply first = http.post("/payments", request(orderId, 500, "CARD"), "Idempotency-Key", key);
        Reply second = http.post("/payments", request(orderId, 500, "CARD"), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(http.get("/payments?orderIds=" + orderId).body().size()).isEqualTo(1);
    }

    @Test
    void concurrentPostsWithOneIdempotencyKeyCreateExactlyOnePayment() {
        String orderId = newOrderId();
        String key = UUID.randomUUID().toString();
        String body = request(orderId, 777, "BANK_TRANSFER");

        List<CompletableFuture<Reply>> inFlight = IntStream.range(0, 10)
                .mapToObj(i -> http.postAsync("/payments", body, "Idempotency-Key", key))
                .toList();
        List<Reply> replies = inFlight.stream().map(CompletableFuture::join).toList();

        assertThat(replies).extracting(Reply::status).containsOnly(201);
        assertThat(replies).extracting(reply -> reply.body().get("id").asString())
                .containsOnly(replies.get(0).body().get("id").asString());
        Reply stored = http.get("/payments?orderIds=" + orderId);
        assertThat(stored.body().size()).isEqualTo(1);
        assertThat(stored.body().get(0)).isEqualTo(replies.get(0).body());
    }

    @Test
    void sameIdempotencyKeyWithADifferentBodyIsAnUnprocessableProblem() {
        String orderId = newOrderId();
        String key = UUID.randomUUID().toString();
        Reply first = http.post("/payments", request(orderId, 100, "CARD"), "Idempotency-Key", key);

        Reply reused = http.post("/payments", request(orderId, 200, "CARD"), "Idempotency-Key", key);

        assertProblem(reused, 422, key);
        assertThat(http.get("/payments?orderIds=" + orderId).body().valueStream()).containsExactly(first.body());
    }

    @Test
    void secondPaymentForAnOrderIsAConflictProblem() {
        String paidOrder = SeedData.payments().get(0).orderId();

        assertProblem(http.post("/payments", request(paidOrder, 100, "CARD")), 409, paidOrder);
        assertThat(http.get("/payments?orderIds=" + paidOrder).body().get(0).get("id").asString()).isEqualTo("pay-" + paidOrder);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "''     | 100  | CARD          | orderId",
            "'   '  | 100  | CARD          | orderId",
            "null   | 100  | CARD          | orderId",
            "order  | 0    | CARD          | amountCents",
            "order  | -5   | PAYPAL        | amountCents",
            "order  | null | PAYPAL        | amountCents",
            "order  | 100  | CASH          | method",
            "order  | 100  | card          | method",
            "order  | 100  | null          | method"
    })
    void invalidFieldIsABadRequestProblemNamingTheField(String orderId, Integer amountCents, String method, String field) {
        Map<String, Object> body = new HashMap<>();
        body.put("orderId", "order".equals(orderId) ? newOrderId() : orderId);
        body.put("amountCents", amountCents);
        body.put("method", method);

        Reply reply = http.post("/payments", JsonHttp.json(body));

        assertProblem(reply, 400, field);
        assertThat(reply.body().get("field").asString()).isEqualTo(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"orderId\":", "[]", "{\"orderId\":\"x\",\"amountCents\":\"lots\",\"method\":\"CARD\"}"})
    void unreadableBodyIsABadRequestProblem(String body) {
        assertProblem(http.post("/payments", body), 400, "");
    }

    @ParameterizedTest
    @CsvSource({"/nowhere, 404", "/payments/pay-1/refunds, 404"})
    void unknownPathsAnswerProblemJson(String path, int status) {
        assertProblem(http.get(path), status, "");
    }

    private static String request(String orderId, int amountCents, String method) {
        return JsonHttp.json(Map.of("orderId", orderId, "amountCents", amountCents, "method", method));
    }

    private static String newOrderId() {
        return "test-" + UUID.randomUUID();
    }

    private static String unpaidOrderId() {
        return SeedData.orders().stream().filter(order -> !order.paid()).map(Order::id).findFirst().orElseThrow();
    }

    private static void assertPayment(JsonNode json, Payment expected) {
        assertThat(json.get("id").asString()).isEqualTo(expected.id());
        assertThat(json.get("orderId").asString()).isEqualTo(expected.orderId());
        assertThat(json.get("status").asString()).isEqualTo(expected.status());
        assertThat(json.get("method").asString()).isEqualTo(expected.method());
        assertThat(json.get("amountCents").asInt()).isEqualTo(expected.amountCents());
        assertThat(json.get("createdAt").asString()).isEqualTo(expected.createdAt().toString());
    }
}
