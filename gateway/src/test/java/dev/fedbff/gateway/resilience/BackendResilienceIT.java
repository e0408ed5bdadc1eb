package dev.fedbff.gateway.resilience;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.resilience.TestBackend.Answer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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

    static final TestBackend USERS = new TestBackend();
    static final TestBackend ORDERS = new TestBackend();
    static final TestBackend PRODUCTS = new TestBackend();
    static final TestBackend PAYMENTS = new TestBackend();
    static final InProcessBff BFF = InProcessBff.start(Map.ofEntries(
            Map.entry("fedbff.services.users", USERS.address().toString()),
            Map.entry("fedbff.services.orders", ORDERS.address().toString()),
            Map.entry("fedbff.services.products", PRODUCTS.address().toString()),
            Map.entry("fedbff.services.payments", PAYMENTS.address().toString()),
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
        List.of(USERS, ORDERS, PRODUCTS, PAYMENTS).forEach(TestBackend::reset);
        BFF.bean(CircuitBreakerRegistry.class).getAllCircuitBreakers().forEach(breaker -> breaker.reset());
    }

    @AfterAll
    static void stop() {
        BFF.close();
        List.of(USERS, ORDERS, PRODUCTS, PAYMENTS).forEach(TestBackend::close);
    }

    @Test
    void aMutationThatTimesOutIsSentExactlyOnce() throws InterruptedException {
        ORDERS.answerInTurn(Answer.json("{\"data\": {\"placeOrder\": {\"id\": \"9\"}}}").after(Duration.ofMillis(2500)));

        InProcessBff.Response response = BFF.post(PLACE_ORDER, TOKEN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("data", null);
        assertThat(response.error(0)).containsEntry("path", List.of("placeOrder"));
        assertThat(response.extensions(0)).containsEntry("code", "GATEWAY_TIMEOUT").containsEntry("serviceName", "orders");
        Thread.sleep(2000);
        assertThat(ORDERS.calls()).as("the backend saw the write once, and nothing after the timeout").hasSize(1);
    }

    @Test
    void aMutationAnswered503IsSentExactlyOnce() throws InterruptedException {
        ORDERS.answerInTurn(Answer.status(503, Map.of("Retry-After", "0")), Answer.json("{\"data\": {\"placeOrder\": {\"id\": \"9\"}}}"));

        InProcessBff.Response response = BFF.post(PLACE_ORDER, TOKEN);

        assertThat(response.extensions(0)).containsEntry("code", "SUBREQUEST_HTTP_ERROR").containsEntry("serviceName", "orders");
        Thread.sleep(300);
        assertThat(ORDERS.calls()).hasSize(1);
    }

    @Test
    void aQueryAnswered503IsRetriedOnceTheRetryAfterHasPassed() {
        PRODUCTS.answerInTurn(Answer.status(503, Map.of("Retry-After", "1")), Answer.json(PRODUCT_JSON));

        InProcessBff.Response response = BFF.post(PRODUCT, TOKEN);

        assertThat(response.json()).isEqualTo(Map.of("data", Map.of("product", Map.of("id", "1", "name", "Lamp", "price", 1000))));
        List<TestBackend.Call> calls = PRODUCTS.calls();
        assertThat(calls).extracting(TestBackend.Call::target).containsExactly("/products/1", "/products/1");
        assertThat(calls.get(1).arrivedMillis() - calls.get(0).arrivedMillis()).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aQueryAnswered502IsTriedThreeTimesThenFailsAtItsField() {
        PRODUCTS.answerInTurn(Answer.status(502, Map.of()));

        InProcessBff.Response response = BFF.post(PRODUCT, TOKEN);

        assertThat(response.json()).containsEntry("data", nullAt("product"));
        assertThat(response.error(0)).containsEntry("path", List.of("product"));
        assertThat(PRODUCTS.calls()).as("three attempts in all").hasSize(3);
    }

    @Test
    void anOpenBreakerAnswersAtOnceWithServiceUnavailableAtTheAffectedField() {
        PAYMENTS.answerInTurn(Answer.status(503, Map.of()));
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
        assertThat(ORDERS.calls()).singleElement().extracting(TestBackend.Call::authorization).isEqualTo("Bearer " + TOKEN);
        assertThat(USERS.calls()).singleElement().extracting(TestBackend.Call::authorization).isNull();
    }
}
