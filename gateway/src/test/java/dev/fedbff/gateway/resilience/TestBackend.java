package dev.fedbff.gateway.resilience;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP backend on a free port that records every call it receives and answers as the test says: a status,
 * headers, a JSON body, after a delay.
 */
final class TestBackend implements AutoCloseable {

    /** One call as the backend received it. */
    record Call(String method, String target, String body, String authorization, long arrivedMillis) {
    }

    /** What the backend answers. */
    record Answer(int status, Map<String, String> headers, String body, Duration delay) {
        static Answer json(String body) {
            return new Answer(200, Map.of(), body, Duration.ZERO);
        }

        static Answer status(int status, Map<String, String> headers) {
            return new Answer(status, headers, "{\"errors\":[{\"message\":\"busy\"}]}", Duration.ZERO);
        }

        Answer after(Duration delay) {
            return new Answer(status, headers, body, delay);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<Integer, Answer> answers = attempt -> Answer.json("{}");

    TestBackend() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The n-th call (from 0) gets {@code answers[n]}; calls past the end get the last one. */
    void answerInTurn(Answer... answers) {
        this.answers = n -> answers[Math.min(n, answers.length - 1)];
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    void reset() {
        calls.clear();
        answerInTurn(Answer.json("{}"));
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.currentTimeMillis();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int attempt;
        synchronized (calls) {
            attempt = calls.size();
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body,
                    exchange.getRequestHeaders().getFirst("Authorization"), arrived));
        }
        Answer answer = answers.apply(attempt);
        try {
            Thread.sleep(answer.delay().toMillis());
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the gateway gave up on this call and closed the connection
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
