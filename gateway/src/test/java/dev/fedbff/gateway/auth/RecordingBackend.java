package dev.fedbff.gateway.auth;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A users subgraph on a free port that answers {@code me { id }} and records the headers of every call it receives. */
final class RecordingBackend implements AutoCloseable {

    private final HttpServer server;
    private final List<Headers> calls = new CopyOnWriteArrayList<>();

    RecordingBackend() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/graphql", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.add(exchange.getRequestHeaders());
            String id = String.valueOf(exchange.getRequestHeaders().getFirst("X-User-Id"));
            byte[] body = ("{\"data\":{\"me\":{\"__typename\":\"User\",\"id\":\"" + id + "\"}}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Headers> calls() {
        return calls;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
