package dev.fedbff.e2e;

import dev.fedbff.sample.SeedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults between a BFF and its backends, injected by a {@link FaultProxy} in front of each of the four backends of
 * the {@link LocalSystem}: a web-bff of its own reaches them only through the proxies. It runs with short timeouts
 * and no retries, so that each client request makes exactly one call per backend and each fault shows; the payments
 * breaker has a small window. What a client gets is compared with {@link SeedData}: the whole answer, or nulls and
 * errors exactly where the failing backend's data would have been; never anything half-merged or wrong.
 */
@ExtendWith(FaultReport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class FaultInjectionIT {

    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);
    /** What a slow answer may take beyond the timeout that cut it: the rest of the plan, scheduling on two busy cores. */
    static final Duration MARGIN = Duration.ofMillis(1500);
    /** The payments breaker: a window of 6 calls that opens at 50% failures, so 3 failures after 3 successes. */
    static final int PAYMENTS_WINDOW = 6;
    static final Duration WAIT_IN_OPEN_STATE = Duration.ofSeconds(2);
    /** Half-open probes the gateway's breakers let through (ResilienceConfiguration). */
    static final int PROBES = 3;
    /** How much more heap after a full collection counts as held on to. */
    static final long HEAP_MARGIN = 4L * 1024 * 1024;

    /** What a client gets when a fault stays within what the BFF tolerates: the whole answer, no errors. */
    static final String WHOLE = "whole answer";

    static final String PARTIAL_ORDER = SeedData.orderIdsOfUser(ProfileOutcomes.USER).get(0);
    static final String PARTIAL_PRODUCT = "7";
    /** Root fields of users, products and orders side by side: a failing backend nulls its own field and nothing else. */
    static final String PARTIAL = "query Partial { me { id name } product(id: \"" + PARTIAL_PRODUCT + "\") { id name price } "
            + "order(id: \"" + PARTIAL_ORDER + "\") { id total status } }";

    static final LocalSystem SYSTEM = LocalSystem.shared();
    static final Map<String, FaultProxy> PROXIES = new LinkedHashMap<>();
    static final Iterator<String> UNPAID_ORDERS = unpaidOrders().iterator();
    static JavaProcess bff;
    static String token;
    static long heapBaseline;

    @BeforeAll
    static void start() {
        LocalSystem.BACKENDS.forEach(name -> PROXIES.put(name, new FaultProxy(name, SYSTEM.backendPort(name))));
        Map<String, String> services = new LinkedHashMap<>();
        PROXIES.forEach((name, proxy) -> services.put(name, proxy.address().toString()));
        bff = SYSTEM.startWebBff("web-bff-faults", services, List.of(
                "--fedbff.resilience.timeout=" + TIMEOUT.toMillis() + "ms",
                "--fedbff.resilience.request-timeout=" + REQUEST_TIMEOUT.toMillis() + "ms",
                "--fedbff.resilience.retry.max-attempts=1",
                "--fedbff.resilience.failure-rate-threshold=100",
                "--fedbff.resilience.services.payments.failure-rate-threshold=50",
                "--fedbff.resilience.services.payments.sliding-window-size=" + PAYMENTS_WINDOW,
                "--fedbff.resilience.services.payments.wait-in-open-state=" + WAIT_IN_OPEN_STATE.toMillis() + "ms",
                "--fedbff.rate-limit.policies.graphql-query.bands[0].capacity=1000000",
                "--fedbff.rate-limit.policies.graphql-query.bands[0].period=1m",
                "--fedbff.rate-limit.policies.default.bands[0].capacity=1000000",
                "--fedbff.rate-limit.policies.default.bands[0].period=1m"));
        token = SYSTEM.token(ProfileOutcomes.USER);
        warmUp();
        heapBaseline = HeapGauge.usedAfterFullGc(bff);
    }

    @AfterAll
    static void stop() {
        if (bff != null) {
            bff.close();
        }
        PROXIES.values().forEach(FaultProxy::close);
    }

    /** Every kind of fault on the two paths of the profile query that the other backends hang from. */
    static Stream<Arguments> faults() {
        List<Arguments> rows = new ArrayList<>();
        for (String service : List.of("products", "orders")) {
            rows.add(Arguments.of(service, Fault.latency(Duration.ofMillis(300)), WHOLE));
            rows.add(Arguments.of(service, Fault.latency(Duration.ofSeconds(3)), "GATEWAY_TIMEOUT"));
            rows.add(Arguments.of(service, Fault.reset(), "SERVICE_UNAVAILABLE"));
            rows.add(Arguments.of(service, Fault.status(500), "SUBREQUEST_HTTP_ERROR"));
            rows.add(Arguments.of(service, Fault.status(503), "SUBREQUEST_HTTP_ERROR"));
            rows.add(Arguments.of(service, Fault.truncatedBody(), "SERVICE_UNAVAILABLE"));
            rows.add(Arguments.of(service, Fault.notJson(), "SUBREQUEST_MALFORMED_RESPONSE"));
            rows.add(Arguments.of(service, Fault.slowBody(Duration.ofMillis(300)), WHOLE));
            rows.add(Arguments.of(service, Fault.slowBody(Duration.ofSeconds(3)), "GATEWAY_TIMEOUT"));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("faults")
    @Order(1)
    void eachFaultLeavesNullsAndErrorsExactlyAtTheFailingBackendsFields(String service, Fault fault, String code) {
        settle();
        FaultProxy proxy = PROXIES.get(service);
        proxy.clear();
        proxy.inject(fault);
        try {
            long started = System.nanoTime();
            GraphQLClient.Response profile = query(ProfileQueryIT.PROFILE);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            GraphQLClient.Response partial = query(PARTIAL);

            if (code.equals(WHOLE)) {
                ProfileOutcomes.assertWhole(profile);
                assertThat(partial.json()).as(partial.body()).isEqualTo(Map.of("data", partialData(null)));
            } else {
                assertThat(ProfileOutcomes.assertRight(profile, Map.of(service, Set.of(code)))).containsExactly(service);
                assertPartial(partial, service, code);
            }
            if ("GATEWAY_TIMEOUT".equals(code)) {
                assertThat(took).as("cut off by the %d ms timeout", TIMEOUT.toMillis()).isBetween(TIMEOUT, TIMEOUT.plus(MARGIN));
            }
            assertThat(proxy.calls()).as("one call per client request, never repeated").hasSize(2)
                    .allSatisfy(call -> assertThat(call.fault()).isEqualTo(fault));
        } finally {
            proxy.heal();
        }
        ProfileOutcomes.assertWhole(query(ProfileQueryIT.PROFILE));
    }

    /** Well-formed answers from products that hold none of the products asked for: lost records, or other ones. */
    static Stream<Fault> otherRecords() {
        return Stream.of(Fault.otherBody("[]"), Fault.otherBody(
                "[{\"id\": \"9999\", \"name\": \"Wrong\", \"priceCents\": 1, \"category\": \"books\", \"description\": \"Wrong\"}]"));
    }

    @ParameterizedTest(name = "products: {0}")
    @MethodSource("otherRecords")
    @Order(2)
    @SuppressWarnings("unchecked")
    void productsAnsweringWithOtherRecordsNeverPutThemInTheAnswer(Fault fault) {
        settle();
        FaultProxy products = PROXIES.get("products");
        products.inject(fault);
        GraphQLClient.Response response;
        try {
            response = query(ProfileQueryIT.PROFILE);
        } finally {
            products.heal();
        }

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("Wrong");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("me", null);
        assertThat(response.json().get("data")).as("no product came back, and product.name is non-null all the way up").isEqualTo(data);
        List<List<Object>> productPaths = ProfileOutcomes.errorPaths(Set.of("products"));
        assertThat((List<Map<String, Object>>) response.json().get("errors")).as(response.body()).isNotEmpty().allSatisfy(error -> {
            assertThat(productPaths).contains((List<Object>) error.get("path"));
            assertThat((Map<String, Object>) error.get("extensions")).containsEntry("code", "NON_NULL_VIOLATION");
        });
        assertThat(products.calls()).hasSize(1);
    }

    @Test
    @Order(3)
    void paymentsBreakerOpensAfterThreeFailuresAnswersAtOnceAndClosesAfterItsProbesSucceed() {
        settle();
        FaultProxy payments = PROXIES.get("payments");
        Map<String, Set<String>> paymentsMayFail = Map.of("payments", Set.of("SUBREQUEST_HTTP_ERROR"));
        Map<String, Set<String>> breakerOpen = Map.of("payments", Set.of("SERVICE_UNAVAILABLE"));
        payments.clear();
        payments.inject(Fault.status(500));

        for (int i = 0; i < PAYMENTS_WINDOW / 2; i++) {
            assertThat(ProfileOutcomes.assertRight(query(ProfileQueryIT.PROFILE), paymentsMayFail)).containsExactly("payments");
        }
        long opened = System.nanoTime();
        assertThat(payments.calls()).as("3 failures in a window of 6: 50%").hasSize(3);

        payments.heal();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            GraphQLClient.Response response = query(ProfileQueryIT.PROFILE);
            assertThat(ProfileOutcomes.assertRight(response, breakerOpen)).containsExactly("payments");
            assertThat(response.body()).contains("circuit breaker is open");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered at once").isLessThan(TIMEOUT);
        }
        HttpResponse<String> rest = get("/api/payments?orderIds=" + SeedData.orderIdsOfUser(ProfileOutcomes.USER).get(0));
        assertThat(rest.statusCode()).as("REST passthrough shares the breaker: " + rest.body()).isEqualTo(503);
        assertThat(rest.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(rest.body())).containsEntry("code", "SERVICE_UNAVAILABLE").containsEntry("service", "payments");
        assertThat(System.nanoTime() - opened).as("still within wait-in-open-state").isLessThan(WAIT_IN_OPEN_STATE.toNanos());
        assertThat(payments.calls()).as("an open breaker calls nobody, even a backend that is well again").hasSize(3);

        JavaProcess.sleep(Math.max(0, (opened + WAIT_IN_OPEN_STATE.toNanos() - System.nanoTime()) / 1_000_000) + 100);
        for (int i = 0; i < PROBES + 2; i++) {
            ProfileOutcomes.assertWhole(query(ProfileQueryIT.PROFILE));
        }
        assertThat(payments.calls()).as("3 probes went through, then the closed breaker let every call through").hasSize(3 + PROBES + 2);
    }

    @Test
    @Order(4)
    void paymentsBreakerOpensAgainWhenItsProbesFail() {
        settle();
        FaultProxy payments = PROXIES.get("payments");
        Map<String, Set<String>> paymentsFail = Map.of("payments", Set.of("SUBREQUEST_HTTP_ERROR"));
        payments.clear();
        payments.inject(Fault.status(500));
        try {
            for (int i = 0; i < PAYMENTS_WINDOW / 2; i++) {
                ProfileOutcomes.assertRight(query(ProfileQueryIT.PROFILE), paymentsFail);
            }
            long opened = System.nanoTime();
            JavaProcess.sleep((opened + WAIT_IN_OPEN_STATE.toNanos() - System.nanoTime()) / 1_000_000 + 100);

            for (int i = 0; i < PROBES; i++) {
                assertThat(ProfileOutcomes.assertRight(query(ProfileQueryIT.PROFILE), paymentsFail)).as("probe %d", i + 1).containsExactly("payments");
            }
            assertThat(payments.calls()).as("3 failures, then 3 probes that failed too").hasSize(3 + PROBES);
            GraphQLClient.Response reopened = query(ProfileQueryIT.PROFILE);

            assertThat(ProfileOutcomes.assertRight(reopened, Map.of("payments", Set.of("SERVICE_UNAVAILABLE")))).containsExactly("payments");
            assertThat(reopened.body()).contains("circuit breaker is open");
            assertThat(payments.calls()).as("open again: no call reaches the backend").hasSize(3 + PROBES);
        } finally {
            payments.heal();
        }
    }

    @Test
    @Order(5)
    void flappingBackendsUnderLoadGiveOnlyWholeOrCorrectlyPartialAnswers() {
        settle();
        flap();
        List<BoundedLoad.Timed> results;
        try {
            results = BoundedLoad.run(200, 4, Duration.ofSeconds(60), () -> query(ProfileQueryIT.PROFILE), answered -> {
            });
        } finally {
            PROXIES.values().forEach(FaultProxy::heal);
        }

        Map<String, AtomicInteger> outcomes = new LinkedHashMap<>();
        for (BoundedLoad.Timed result : results) {
            Set<String> failed = ProfileOutcomes.assertRight(result.response(), FLAPPING_MAY_FAIL);
            outcomes.computeIfAbsent(failed.isEmpty() ? "whole" : String.join("+", failed), k -> new AtomicInteger()).incrementAndGet();
            assertThat(result.took()).isLessThan(REQUEST_TIMEOUT.plus(MARGIN));
        }
        assertThat(outcomes).as("the load met the faults, and got through them").containsKeys("whole", "orders", "products");
        settle();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("lostAnswers")
    @Order(6)
    void aPaymentWhoseAnswerIsLostIsCreatedOnceAndTheClientsRetryGetsIt(Fault fault, int status, String code) {
        settle();
        FaultProxy payments = PROXIES.get("payments");
        String orderId = UNPAID_ORDERS.next();
        String key = UUID.randomUUID().toString();
        String body = "{\"orderId\": \"" + orderId + "\", \"amountCents\": " + SeedData.order(orderId).totalCents() + ", \"method\": \"CARD\"}";
        payments.clear();
        payments.inject(fault);
        HttpResponse<String> lost;
        try {
            lost = pay(key, body);
        } finally {
            payments.heal();
        }

        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(status);
        assertThat(lost.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(lost.body())).containsEntry("code", code).containsEntry("service", "payments");
        assertThat(payments.calls()).as("a write is sent once, never retried by the BFF").singleElement()
                .satisfies(call -> assertThat(call.method()).isEqualTo("POST"));
        List<Map<String, Object>> stored = paymentsOfOrder(orderId);
        assertThat(stored).as("the backend did create it, once").hasSize(1);

        HttpResponse<String> retried = pay(key, body);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(json(retried.body())).containsEntry("id", stored.get(0).get("id")).containsEntry("orderId", orderId);
        assertThat(paymentsOfOrder(orderId)).as("the retry with the same key created nothing new").isEqualTo(stored);
        assertThat(payments.calls()).hasSize(2);
    }

    static Stream<Arguments> lostAnswers() {
        return Stream.of(
                Arguments.of(Fault.resetAfterBackend(), 502, "BAD_GATEWAY"),
                Arguments.of(Fault.latency(TIMEOUT.multipliedBy(3)), 504, "GATEWAY_TIMEOUT"));
    }

    @Test
    @Order(7)
    void heapReturnsToItsBaselineAfterTheLoad() {
        settle();
        flap();
        try {
            BoundedLoad.run(200, 4, Duration.ofSeconds(60), () -> query(ProfileQueryIT.PROFILE), answered -> {
            });
        } finally {
            PROXIES.values().forEach(FaultProxy::heal);
        }
        settle();

        long used = HeapGauge.usedAfterFullGc(bff);

        System.out.printf("web-bff-faults heap after full GC: baseline %d KB, after the load runs %d KB%n", heapBaseline / 1024, used / 1024);
        assertThat(used).as("heap after the load runs, baseline %d KB", heapBaseline / 1024).isLessThanOrEqualTo(heapBaseline + HEAP_MARGIN);
    }

    /** The faults the load runs meet: each backend fails now and then, each in its own ways. */
    static final Map<String, Set<String>> FLAPPING_MAY_FAIL = Map.of(
            "orders", Set.of("SUBREQUEST_HTTP_ERROR", "SERVICE_UNAVAILABLE"),
            "products", Set.of("SERVICE_UNAVAILABLE", "SUBREQUEST_MALFORMED_RESPONSE", "GATEWAY_TIMEOUT"),
            "payments", Set.of("SUBREQUEST_HTTP_ERROR", "SERVICE_UNAVAILABLE"));

    private static void flap() {
        PROXIES.get("orders").flap(List.of(Fault.none(), Fault.status(503), Fault.none(), Fault.none(), Fault.reset()));
        PROXIES.get("products").flap(List.of(Fault.none(), Fault.truncatedBody(), Fault.none(), Fault.notJson(), Fault.none(),
                Fault.reset(), Fault.none(), Fault.slowBody(TIMEOUT.multipliedBy(2))));
        PROXIES.get("payments").flap(List.of(Fault.none(), Fault.status(500), Fault.none(), Fault.none()));
    }

    /** The first requests a BFF serves load classes and compile code; the heap baseline is taken after them. */
    private static void warmUp() {
        for (int i = 0; i < 20; i++) {
            query(ProfileQueryIT.PROFILE);
            query(PARTIAL);
        }
        flap();
        try {
            for (int i = 0; i < 40; i++) {
                query(ProfileQueryIT.PROFILE);
            }
        } finally {
            PROXIES.values().forEach(FaultProxy::heal);
        }
        settle();
    }

    /**
     * Waits until the BFF answers whole again, then sends a full payments breaker window of whole answers: open
     * breakers have closed, and the next scenario starts from a window of successes.
     */
    private static void settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int whole = 0;
        while (whole < PAYMENTS_WINDOW + PROBES) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the BFF did not answer whole again within 20 s:\n" + query(ProfileQueryIT.PROFILE).body());
            }
            if (ProfileOutcomes.isWhole(query(ProfileQueryIT.PROFILE))) {
                whole++;
            } else {
                whole = 0;
                JavaProcess.sleep(200);
            }
        }
        PROXIES.values().forEach(FaultProxy::clear);
    }

    @SuppressWarnings("unchecked")
    private static void assertPartial(GraphQLClient.Response partial, String service, String code) {
        String field = service.equals("products") ? "product" : "order";
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.json().get("data")).as(partial.body()).isEqualTo(partialData(field));
        assertThat((List<Map<String, Object>>) partial.json().get("errors")).as(partial.body()).singleElement().satisfies(error -> {
            assertThat(error.get("path")).isEqualTo(List.of(field));
            assertThat((Map<String, Object>) error.get("extensions")).containsEntry("code", code).containsEntry("serviceName", service);
        });
    }

    /** The data of {@link #PARTIAL} from the seed data, with {@code missing} null. */
    private static Map<String, Object> partialData(String missing) {
        SeedData.Product product = SeedData.product(PARTIAL_PRODUCT);
        SeedData.Order order = SeedData.order(PARTIAL_ORDER);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("me", Map.of("id", ProfileOutcomes.USER, "name", SeedData.user(ProfileOutcomes.USER).name()));
        data.put("product", Map.of("id", PARTIAL_PRODUCT, "name", product.name(), "price", product.priceCents()));
        data.put("order", Map.of("id", PARTIAL_ORDER, "total", order.totalCents(), "status", order.status().name()));
        if (missing != null) {
            data.put(missing, null);
        }
        return data;
    }

    private static GraphQLClient.Response query(String query) {
        return GraphQLClient.post(URI.create("http://127.0.0.1:" + bff.port() + "/graphql"), token, GraphQLClient.query(query));
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A REST client's payment through the BFF's passthrough route, with its own idempotency key. */
    private static HttpResponse<String> pay(String idempotencyKey, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bff.port() + "/api/payments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bff.port() + path)).header("Authorization", "Bearer " + token).GET().build());
    }

    /** The payments of an order as the payments backend itself lists them, bypassing BFF and proxy. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> paymentsOfOrder(String orderId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SYSTEM.backendPort("payments")
                + "/payments?orderIds=" + orderId)).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return GraphQLClient.JSON.readValue(response.body(), List.class);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return GraphQLClient.JSON.readValue(body, Map.class);
    }

    /** Orders without a payment in the seed data, of users no other test pays for. */
    private static List<String> unpaidOrders() {
        List<String> unpaid = new ArrayList<>();
        for (int user = 901; user <= 999 && unpaid.size() < 20; user++) {
            for (String id : SeedData.orderIdsOfUser(String.valueOf(user))) {
                if (SeedData.paymentOfOrder(id) == null) {
                    unpaid.add(id);
                    break;
                }
            }
        }
        return unpaid;
    }
}
