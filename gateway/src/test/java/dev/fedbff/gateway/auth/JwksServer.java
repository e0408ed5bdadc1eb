package dev.fedbff.gateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Answer;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/** An identity provider's JWKS endpoint on a free port: serves whatever key set the test publishes and counts fetches. */
final class JwksServer implements AutoCloseable {

    private static final String PATH = "/.well-known/jwks.json";

    private final AtomicReference<JWKSet> keys;
    private final RecordingBackend server;
    private volatile boolean down;

    JwksServer(JWKSet keys) {
        this.keys = new AtomicReference<>(keys);
        this.server = new RecordingBackend("identity-provider", 0)
                .answer(PATH, call -> down ? Answer.status(503) : Answer.json(this.keys.get().toString()));
    }

    URI uri() {
        return server.address().resolve(PATH);
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
        return server.calls(PATH).size();
    }

    @Override
    public void close() {
        server.close();
    }
}
