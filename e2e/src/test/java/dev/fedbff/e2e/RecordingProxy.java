package dev.fedbff.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real HTTP proxy between a BFF and one backend that records every call the backend receives, with the moment
 * it arrived and the moment its answer left. A shared barrier can hold calls until another backend's call has
 * arrived too: a test then proves two calls were in flight at once without measuring time.
 */
final class RecordingProxy implements AutoCloseable {

    /** One call as the backend received it; {@code headers} by lower-case name. */
    record Call(String method, String target, String body, String userId, long startedNanos, long endedNanos, Map<String, List<String>> headers) {
        boolean overlaps(Call other) {
            return startedNanos < other.endedNanos && other.startedNanos < endedNanos;
        }

        /** The first value of a header the backend received, or null. */
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade", "expect");

    private final String name;
    private final int backendPort;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Call> calls = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile CyclicBarrier rendezvous;
    private HttpServer server;
    private int port;

    RecordingProxy(String name, int backendPort) {
        this.name = name;
        this.backendPort = backendPort;
        listen(0);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + port);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }

    /** Holds each next call until every party of the barrier has a call waiting (at most 5 s). */
    void rendezvous(CyclicBarrier barrier) {
        this.rendezvous = barrier;
    }

    /** Stops listening: the BFF now finds the port closed, as if the backend were down. */
    void stop() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    void restart() {
        listen(port);
    }

    private void listen(int requestedPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", requestedPort), 64);
        } catch (IOException e) {
            throw new IllegalStateException("proxy for " + name + " cannot listen on " + requestedPort, e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
        port = server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        awaitPartner();
        String target = exchange.getRequestURI().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backendPort + target))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((header, values) -> {
            if (!NOT_FORWARDED.contains(header.toLowerCase())) {
                values.forEach(value -> request.header(header, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            exchange.sendResponseHeaders(502, -1);
            exchange.close();
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((header, values) -> headers.put(header.toLowerCase(Locale.ROOT), List.copyOf(values)));
        record(new Call(exchange.getRequestMethod(), target, new String(body, StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst("X-User-Id"), started, System.nanoTime(), Map.copyOf(headers)));
        response.headers().firstValue("content-type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
        exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private void awaitPartner() {
        CyclicBarrier barrier = rendezvous;
        if (barrier == null) {
            return;
        }
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            // the partner never came: the call goes on alone, and its timing will show no overlap
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(Call call) {
        calls.add(call);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
