package dev.fedbff.gateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An identity provider's JWKS endpoint on a free port: serves whatever key set the test publishes and counts fetches. */
final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<JWKSet> keys;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile boolean down;

    JwksServer(JWKSet keys) {
        this.keys = new AtomicReference<>(keys);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            if (down) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body = this.keys.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    /** Publishes another key set, as an identity provider does when it rotates keys. */
    void publish(JWKSet keys) {
        this.keys.set(keys);
    }

    /** Makes the endpoint answer 503, as an identity provider in an outage does, or serve keys again. */
    void down(boolean down) {
        this.down = down;
    }

    JWKSet published() {
        return keys.get();
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
