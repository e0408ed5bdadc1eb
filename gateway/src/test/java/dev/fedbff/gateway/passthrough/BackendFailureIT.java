package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.MutableClock;
import dev.fedbff.gateway.Ports;
import dev.fedbff.gateway.passthrough.Wire.Reply;
import dev.fedbff.gateway.passthrough.Wire.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Call;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.fedbff.gateway.passthrough.PassthroughIT.assertProblem;
import static dev.fedbff.gateway.passthrough.Wire.Request.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backends that fail, with the real resilience stack around them: stale-if-error while a backend is down and fresh
 * data once it is back, a stale answer while a breaker is open and 503 with Retry-After where nothing is cached, a
 * refused connection, and writes that are never retried although reads are.
 */
class BackendFailureIT {

    static final String ALICE = InProcessBff.token("alice", Map.of("scope", "orders.read"));
    static final int CLOSED_PORT = Ports.closed();

    static final MutableClock CLOCK = new MutableClock(Instant.now());

    static RecordingBackend backend = BackendScript.start("first", 0);
    static InProcessBff gateway;
    static int port;

    @BeforeAll
    static void start() {
        gateway = InProcessBff.with().profile("passthrough").clock(CLOCK).settings(
                "fedbff.services.payments=http://127.0.0.1:" + CLOSED_PORT,
                "fedbff.resilience.services.orders.timeout=300ms",
                "fedbff.resilience.services.products.sliding-window-size=4",
                "fedbff.resilience.services.products.failure-rate-threshold=50",
                "fedbff.resilience.services.products.wait-in-open-state=30s").allServicesAt(backend.url()).start();
        port = gateway.port();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    @Test
    void staleIfErrorServesTheCachedEntryMarkedWhileTheBackendIsDownAndFreshDataAfterItRecovers() {
        Request profile = get("/api/users/42?cc=max-age%3D1").bearer(ALICE);
        Reply fresh = Wire.send(port, profile);
        assertThat(fresh.header("X-Cache")).isEqualTo("MISS");
        Reply cached = awaitCached(profile);
        CLOCK.advance(Duration.ofMillis(1_200));
        int backendPort = backend.port();
        backend.close();

        Reply whileDown = Wire.send(port, profile);

        assertThat(whileDown.status()).isEqualTo(200);
        assertThat(whileDown.header("X-Cache")).isEqualTo("STALE");
        assertThat(whileDown.text()).isEqualTo(cached.text());
        assertThat(Long.parseLong(whileDown.header("Age"))).isGreaterThanOrEqualTo(1);

        backend = BackendScript.start("second", backendPort);
        Reply recovered = Wire.send(port, profile);

        assertThat(recovered.status()).isEqualTo(200);
        assertThat(recovered.header("X-Cache")).isEqualTo("MISS");
        assertThat(recovered.json().get("backend")).isEqualTo("second");
        assertThat(Wire.send(port, profile).header("X-Cache")).isEqualTo("HIT");
    }

    @Test
    void anOpenBreakerServesTheStaleEntryWhereThereIsOneAndElse503WithRetryAfter() {
        Request book = get("/api/catalog/books/7?cc=max-age%3D1");
        assertThat(Wire.send(port, book).header("X-Cache")).isEqualTo("MISS");
        awaitCached(book);
        CLOCK.advance(Duration.ofMillis(1_200));
        // the backend's own 500s pass through and count against the breaker of products until it opens
        Reply failing = Wire.send(port, get("/api/catalog/broken/0?status=500"));
        for (int i = 1; failing.status() == 500 && i < 10; i++) {
            failing = Wire.send(port, get("/api/catalog/broken/" + i + "?status=500"));
        }
        assertProblem(failing, 503, "SERVICE_UNAVAILABLE");
        int callsBefore = backend.calls().size();

        Reply stale = Wire.send(port, book);
        Reply nothingCached = Wire.send(port, get("/api/catalog/books/8"));

        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.header("X-Cache")).isEqualTo("STALE");
        assertProblem(nothingCached, 503, "SERVICE_UNAVAILABLE");
        assertThat(nothingCached.json().get("service")).isEqualTo("products");
        assertThat(Long.parseLong(nothingCached.header("Retry-After"))).isBetween(1L, 30L);
        assertThat(backend.calls()).as("no call passes an open breaker").hasSize(callsBefore);
    }

    @Test
    void aRefusedConnectionIs503ProblemJson() {
        Reply reply = Wire.send(port, get("/api/payments/1").bearer(ALICE));

        assertProblem(reply, 503, "SERVICE_UNAVAILABLE");
        assertThat(reply.json().get("service")).isEqualTo("payments");
    }

    @Test
    void aPostIsNeverRetriedEvenOnTimeoutWhileAGetIs() {
        Reply post = Wire.send(port, Request.of("POST", "/api/orders/place?hold=1").bearer(ALICE)
                .header("Content-Type", "application/json").header("Idempotency-Key", "k-1").body("{\"items\":[]}"));
        Reply read = Wire.send(port, get("/api/orders/slow-read?hold=1").bearer(ALICE));
        backend.release();

        assertProblem(post, 504, "GATEWAY_TIMEOUT");
        assertProblem(read, 504, "GATEWAY_TIMEOUT");
        List<Call> posts = backend.calls("/orders/place");
        assertThat(posts).as("the backend sees the POST exactly once").hasSize(1);
        assertThat(posts.get(0).header("Idempotency-Key")).isEqualTo("k-1");
        assertThat(posts.get(0).body().length).isEqualTo(12);
        assertThat(backend.calls("/orders/slow-read")).as("reads are retried (fedbff.resilience.retry.max-attempts: 3)").hasSize(3);
    }

    /** The gateway stores an answer once its body has gone through, which may be just after the client has it: ask until a hit says it is stored. */
    private static Reply awaitCached(Request request) {
        Reply reply = Wire.send(port, request);
        for (int i = 1; !"HIT".equals(reply.header("X-Cache")) && i < 20; i++) {
            reply = Wire.send(port, request);
        }
        assertThat(reply.header("X-Cache")).isEqualTo("HIT");
        return reply;
    }
}
