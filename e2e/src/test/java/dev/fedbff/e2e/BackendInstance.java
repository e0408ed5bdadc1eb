package dev.fedbff.e2e;

import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Answer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of the sample backends in miniature, on its own port: products and payments as REST, users as a
 * GraphQL subgraph, each with one record. Counts the calls each service receives; can be slowed down (its answers take
 * longer, which is what latency-aware balancing measures) or killed.
 */
final class BackendInstance implements AutoCloseable {

    static final String PRODUCT = "{\"id\": \"1\", \"name\": \"Lamp\", \"priceCents\": 1000, \"category\": \"home\"}";
    static final String PAYMENT = "{\"id\": \"1\", \"orderId\": \"1\", \"status\": \"CAPTURED\", \"method\": \"CARD\", "
            + "\"amountCents\": 1000, \"createdAt\": \"2024-01-01T00:00:00Z\"}";
    static final String USER = "{\"data\": {\"user\": {\"id\": \"1\", \"name\": \"Ada\"}}}";

    /** The path each service of this instance answers under. */
    private static final Map<String, String> PATHS = Map.of("products", "/products/", "payments", "/payments/", "users", "/graphql");

    private final RecordingBackend backend;
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    BackendInstance(String name) {
        backend = new RecordingBackend(name, 0)
                .answer(PATHS.get("products"), call -> answer("products", PRODUCT))
                .answer(PATHS.get("payments"), call -> answer("payments", PAYMENT))
                .answer(PATHS.get("users"), call -> answer("users", USER));
    }

    String name() {
        return backend.name();
    }

    int port() {
        return backend.port();
    }

    int calls(String service) {
        return backend.calls(PATHS.get(service)).size();
    }

    void resetCalls() {
        backend.clear();
    }

    /** Every call to {@code service} is answered only after {@code delay}: this instance is slow, as the balancer measures it. */
    void slowDown(String service, Duration delay) {
        delays.put(service, delay);
    }

    /** The instance dies: its port is closed and open connections are cut. */
    void kill() {
        backend.stop();
    }

    private Answer answer(String service, String body) {
        Duration delay = delays.getOrDefault(service, Duration.ZERO);
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Answer.json(body);
    }

    @Override
    public void close() {
        backend.close();
    }
}
