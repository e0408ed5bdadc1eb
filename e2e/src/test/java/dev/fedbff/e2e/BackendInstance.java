package dev.fedbff.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of the sample backends in miniature, on its own port: products and payments as REST, users as a
 * GraphQL subgraph, each with one record. Counts the calls each service receives; can be slowed down or stopped.
 */
final class BackendInstance implements AutoCloseable {

    static final String PRODUCT = "{\"id\": \"1\", \"name\": \"Lamp\", \"priceCents\": 1000, \"category\": \"home\"}";
    static final String PAYMENT = "{\"id\": \"1\", \"orderId\": \"1\", \"status\": \"CAPTURED\", \"method\": \"CARD\", "
            + "\"amountCents\": 1000, \"createdAt\": \"2024-01-01T00:00:00Z\"}";
    static final String USER = "{\"data\": {\"user\": {\"id\": \"1\", \"name\": \"Ada\"}}}";

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    BackendInstance(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/products/", exchange -> answer(exchange, "products", PRODUCT));
        server.createContext("/payments/", exchange -> answer(exchange, "payments", PAYMENT));
        server.createContext("/graphql", exchange -> answer(exchange, "users", USER));
        server.start();
    }

    String name() {
        return name;
    }

    int port() {
        return server.getAddress().getPort();
    }

    int calls(String service) {
        return calls.computeIfAbsent(service, s -> new AtomicInteger()).get();
    }

    void resetCalls() {
        calls.clear();
    }

    /** Every call to {@code service} is answered only after {@code delay}. */
    void slowDown(String service, Duration delay) {
        delays.put(service, delay);
    }

    /** The instance dies: its port is closed and open connections are cut. */
    void kill() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, String service, String body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        calls.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
        try {
            Thread.sleep(delays.getOrDefault(service, Duration.ZERO).toMillis());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
