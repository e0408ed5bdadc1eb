package dev.fedbff.gateway.passthrough;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A backend on a free port that records every call it receives (method, target, headers, body size) and answers as
 * the query string asks, so each test row says in its URL what the backend does:
 * {@code status=503}, {@code cc=no-store} (Cache-Control), {@code etag=v1}, {@code vary=Accept},
 * {@code sleep=800} (milliseconds before answering), {@code hop=1} (hop-by-hop headers in the answer).
 * The body is JSON naming the backend, the target, the number of calls to it so far and the {@code X-User-Id} it got.
 */
final class ScriptedBackend implements AutoCloseable {

    /** One request as the backend received it. */
    record Call(String method, String target, Headers headers, long bodyBytes) {

        String header(String name) {
            return headers.getFirst(name);
        }

        boolean has(String name) {
            return headers.containsKey(name);
        }
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    ScriptedBackend() {
        this("backend", 0);
    }

    /**
     * @param name named in every answer's body, to tell two backends on the same port apart
     * @param port 0 for a free port, or the port of a backend that was stopped, to bring it back
     */
    ScriptedBackend(String name, int port) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::scripted);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String address() {
        return "http://127.0.0.1:" + port();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls whose path and query start with {@code prefix}. */
    List<Call> callsTo(String prefix) {
        return calls.stream().filter(call -> call.target().startsWith(prefix)).toList();
    }

    /** Serves {@code path} (and below) with {@code handler} instead of the script; the call is still recorded first. */
    void handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders(), -1));
            handler.handle(exchange);
        });
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void scripted(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        long bodyBytes = drain(exchange.getRequestBody());
        calls.add(new Call(exchange.getRequestMethod(), target, exchange.getRequestHeaders(), bodyBytes));
        long callNumber = callsTo(target).size();
        Map<String, String> script = query(exchange.getRequestURI().getRawQuery());
        sleep(script.get("sleep"));
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        copy(script, "cc", headers, "Cache-Control");
        copy(script, "etag", headers, "ETag");
        copy(script, "vary", headers, "Vary");
        if (script.containsKey("hop")) {
            headers.set("Connection", "X-Backend-Secret");
            headers.set("X-Backend-Secret", "internal");
            headers.set("Keep-Alive", "timeout=5");
            headers.set("Proxy-Authenticate", "Basic");
        }
        byte[] body = ("{\"backend\":\"" + name + "\",\"target\":\"" + target + "\",\"call\":" + callNumber
                + ",\"user\":\"" + exchange.getRequestHeaders().getFirst("X-User-Id") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        int status = Integer.parseInt(script.getOrDefault("status", "200"));
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 304 || status == 204;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static long drain(InputStream body) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
            total += read;
        }
        return total;
    }

    private static void copy(Map<String, String> script, String key, Headers headers, String header) {
        if (script.containsKey(key)) {
            headers.set(header, script.get(key));
        }
    }

    private static void sleep(String millis) {
        if (millis == null) {
            return;
        }
        try {
            Thread.sleep(Long.parseLong(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }
}
