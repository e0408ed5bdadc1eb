package dev.fedbff.gateway.resilience;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Answer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A BFF running in process against real HTTP backends that record every call they receive: which calls are tried
 * again and which never are, what an open breaker answers, and which backends see the caller's token.
 */
class BackendResilienceIT {

    static final String PLACE_ORDER = "mutation { placeOrder(input: {items: [{productId: \"1\", quantity: 1}]}) { id } }";
    static final String PRODUCT = "{ product(id: \"1\") { id name price } }";
    static final String PRODUCT_JSON = "{\"id\": \"1\", \"name\": \"Lamp\", \"priceCents\": 1000, \"category\": \"home\"}";

    static final RecordingBackend USERS = new RecordingBackend("users", 0);
    static final RecordingBackend ORDERS = new RecordingBackend("orders", 0);
    static final RecordingBackend PRODUCTS = new RecordingBackend("products", 0);
    static final RecordingBackend PAYMENTS = new RecordingBackend("payments", 0);
    static final InProcessBff BFF = InProcessBff.start(Map.ofEntries(
            Map.entry("fedbff.services.users", USERS.url()),
            Map.entry("fedbff.services.orders", ORDERS.url()),
            Map.entry("fedbff.services.products", PRODUCTS.url()),
            Map.entry("fedbff.services.payments", PAYMENTS.url()),
            Map.entry("fedbff.forward-authorization", "orders"),
            Map.entry("fedbff.resilience.request-timeout", "10s"),
            Map.entry("fedbff.resilience.timeout", "2s"),
            Map.entry("fedbff.resilience.retry.backoff", "50ms"),
            Map.entry("fedbff.resilience.services.orders.timeout", "1s"),
            Map.entry("fedbff.resilience.services.payments.sliding-window-size", "2"),
            Map.entry("fedbff.resilience.services.payments.retry.max-attempts", "1")));
    static final String TOKEN = InProcessBff.token("42");

    @BeforeAll
    static void warmUp() {
        BFF.post("{ __typename }", TOKEN);
    }

    @BeforeEach
    void reset() {
        List.of(USERS, ORDERS, PRODUCTS, PAYMENTS).forEach(RecordingBackend::reset);
        BFF.bean(CircuitBreakerRegistry.class).getAllCircuitBreakers().forEach(breaker -> breaker.reset());
    }

    @AfterAll
    static void stop() {
        BFF.close();
        List.of(USERS, ORDERS, PRODUCTS, PAYMENTS).forEach(RecordingBackend::close);
    }

    @Test
    void aMutationThatTimesOutIsSentExactlyOnce() {
        ORDERS.answerInTurn(Answer.json("{\"data\": {\"placeOrder\": {\"id\": \"9\"}}}").held());

        InProcessBff.Response response = BFF.post(PLACE_ORDER, TOKEN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("data", null);
        assertThat(response.error(0)).containsEntry("path", List.of("placeOrder"));
        assertThat(response.extensions(0)).containsEntry("code", "GATEWAY_TIMEOUT").containsEntry("serviceName", "orders");
        assertThat(ORDERS.calls()).as("the backend saw the write once: the answer came after every attempt there was").hasSize(1);
    }

    @Test
    void aMutationAnswered503IsSentExactlyOnce() {
        ORDERS.answerInTurn(busy(503).withHeader("Retry-After", "0"), Answer.json("{\"data\": {\"placeOrder\": {\"id\": \"9\"}}}"));

        InProcessBff.Response response = BFF.post(PLACE_ORDER, TOKEN);

        assertThat(response.extensions(0)).containsEntry("code", "SUBREQUEST_HTTP_ERROR").containsEntry("serviceName", "orders");
        assertThat(ORDERS.calls()).hasSize(1);
    }

    @Test
    void aQueryAnswered503IsRetriedOnceTheRetryAfterHasPassed() {
        PRODUCTS.answerInTurn(busy(503).withHeader("Retry-After", "1"), Answer.json(PRODUCT_JSON));

        InProcessBff.Response response = BFF.post(PRODUCT, TOKEN);

        assertThat(response.json()).isEqualTo(Map.of("data", Map.of("product", Map.of("id", "1", "name", "Lamp", "price", 1000))));
        List<RecordingBackend.Call> calls = PRODUCTS.calls();
        assertThat(calls).extracting(RecordingBackend.Call::target).containsExactly("/products/1", "/products/1");
        assertThat((calls.get(1).arrivedNanos() - calls.get(0).arrivedNanos()) / 1_000_000).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aQueryAnswered502IsTriedThreeTimesThenFailsAtItsField() {
        PRODUCTS.answerInTurn(busy(502));

        InProcessBff.Response response = BFF.post(PRODUCT, TOKEN);

        assertThat(response.json()).containsEntry("data", nullAt("product"));
        assertThat(response.error(0)).containsEntry("path", List.of("product"));
        assertThat(PRODUCTS.calls()).as("three attempts in all").hasSize(3);
    }

    @Test
    void anOpenBreakerAnswersAtOnceWithServiceUnavailableAtTheAffectedField() {
        PAYMENTS.answerInTurn(busy(503));
        String query = "{ payment(id: \"1\") { id status } }";
        BFF.post(query, TOKEN);
        BFF.post(query, TOKEN);
        assertThat(PAYMENTS.calls()).hasSize(2);

        InProcessBff.Response response = BFF.post(query, TOKEN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("data", nullAt("payment"));
        assertThat(response.error(0)).containsEntry("path", List.of("payment"))
                .containsEntry("message", "service payments is unavailable: its circuit breaker is open");
        assertThat(response.extensions(0)).containsEntry("code", "SERVICE_UNAVAILABLE").containsEntry("serviceName", "payments");
        assertThat(PAYMENTS.calls()).as("the open breaker let no call through").hasSize(2);
    }

    /** What a busy backend answers: the status and a GraphQL error. */
    static Answer busy(int status) {
        return Answer.json("{\"errors\":[{\"message\":\"busy\"}]}").withStatus(status);
    }

    static Map<String, Object> nullAt(String field) {
        Map<String, Object> data = new java.util.HashMap<>();
        data.put(field, null);
        return data;
    }

    @Test
    void onlyBackendsConfiguredForItReceiveTheCallersToken() {
        USERS.answerInTurn(Answer.json("{\"data\": {\"me\": {\"__typename\": \"User\", \"id\": \"42\", \"name\": \"Ada\"}}}"));
        ORDERS.answerInTurn(Answer.json("{\"data\": {\"_entities\": [{\"orders\": [{\"id\": \"9\"}]}]}}"));

        InProcessBff.Response response = BFF.post("{ me { name orders(first: 1) { id } } }", TOKEN);

        assertThat(response.json()).isEqualTo(Map.of("data", Map.of("me", Map.of("name", "Ada", "orders", List.of(Map.of("id", "9"))))));
        assertThat(ORDERS.calls()).singleElement().extracting(call -> call.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(USERS.calls()).singleElement().extracting(call -> call.header("Authorization")).isNull();
    }
}
