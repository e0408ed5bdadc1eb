package dev.fedbff.e2e;

import org.junit.jupiter.api.Test;

import dev.fedbff.testsupport.RecordingBackend;

import java.net.URI;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's W3C {@code traceparent} is continued through the BFF: every backend the profile query reaches, and the
 * backend of a passthrough route, receives the same trace id under a span of the BFF; the BFF's access-log line and its
 * GraphQL errors carry that trace id. The request id the client sends comes back and reaches the backends too.
 */
class TracingIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    final LocalSystem system = LocalSystem.shared();

    @Test
    void theClientsTraceReachesEveryBackendUnderASpanOfTheBff() {
        String traceId = hex(16);
        String clientSpan = hex(8);
        system.clearCalls();

        GraphQLClient.Response response = send("/graphql", traceId, clientSpan, "profile-" + traceId, GraphQLClient.query(ProfileQueryIT.PROFILE));
        GraphQLClient.Response passthrough = send("/api/users/42", traceId, clientSpan, "route-" + traceId, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(passthrough.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("profile-" + traceId);
        for (String backend : LocalSystem.BACKENDS) {
            List<RecordingBackend.Call> calls = system.proxy(backend).calls();
            assertThat(calls).as("calls to %s", backend).isNotEmpty();
            calls.forEach(call -> {
                String traceparent = call.header("traceparent");
                assertThat(traceparent).as("traceparent %s received", backend).matches("00-" + traceId + "-[0-9a-f]{16}-01");
                String parent = traceparent.split("-")[2];
                assertThat(parent).as("the parent span %s received is the BFF's, not the client's", backend)
                        .isNotEqualTo(clientSpan).isNotEqualTo("0000000000000000");
            });
        }
        List<RecordingBackend.Call> users = system.proxy("users").calls();
        assertThat(users).extracting(call -> call.header("X-Request-Id")).containsExactlyInAnyOrder("profile-" + traceId, "route-" + traceId);
        assertThat(users).filteredOn(call -> call.target().startsWith("/users/42")).singleElement()
                .satisfies(call -> assertThat(call.header("traceparent")).startsWith("00-" + traceId + "-"));

        assertThat(accessLine("request_id=profile-" + traceId))
                .contains("trace_id=" + traceId, "name=Profile", "backend_calls=4", "[" + traceId + "-");
        assertThat(accessLine("request_id=route-" + traceId)).contains("trace_id=" + traceId, "passthrough", "name=users", "cache=MISS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachGraphQLErrorCarriesTheTraceId() {
        String traceId = hex(16);
        GraphQLClient.Response response = send("/graphql", traceId, hex(8), "errors-" + traceId, GraphQLClient.query("{ me { id nope } }"));

        assertThat(response.status()).isEqualTo(400);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.json().get("errors");
        assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat((Map<String, Object>) error.get("extensions")).containsEntry("traceId", traceId));

        String refusedTrace = hex(16);
        GraphQLClient.Response refused = GraphQLClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.bff("web-bff").port() + "/graphql"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer not.a.jwt").header("traceparent", "00-" + refusedTrace + "-" + hex(8) + "-01")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(GraphQLClient.query("{ me { id } }"))).build());
        assertThat(refused.status()).isEqualTo(401);
        assertThat((List<Map<String, Object>>) refused.json().get("errors")).singleElement()
                .satisfies(error -> assertThat((Map<String, Object>) error.get("extensions")).containsEntry("code", "UNAUTHENTICATED")
                        .containsEntry("traceId", refusedTrace));
    }

    @Test
    void aRequestWithoutTraceOrSafeIdGetsNewOnes() {
        system.clearCalls();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.bff("web-bff").port() + "/api/users/42"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + system.token("trace-" + hex(4))).header("X-Request-Id", "x".repeat(129)).GET();
        GraphQLClient.Response response = GraphQLClient.send(request.build());

        assertThat(response.status()).isEqualTo(200);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).isNotEqualTo("x".repeat(129)).matches("[0-9a-f-]{36}");
        assertThat(system.proxy("users").calls()).singleElement().satisfies(call -> {
            assertThat(call.header("X-Request-Id")).isEqualTo(id);
            assertThat(call.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        });
    }

    /** GraphQL as user 42; a passthrough GET as a user of its own, so no cached answer from another test serves it. */
    private GraphQLClient.Response send(String path, String traceId, String spanId, String requestId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.bff("web-bff").port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + system.token(body == null ? "trace-" + hex(4) : "42"))
                .header("traceparent", "00-" + traceId + "-" + spanId + "-01")
                .header("X-Request-Id", requestId);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return GraphQLClient.send(request.build());
    }

    /** The web-bff's access-log line holding {@code text}: written once the answer has gone, so it is waited for (10 s at most). */
    private String accessLine(String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<String> lines = system.bff("web-bff").output().lines().filter(line -> line.contains("fedbff.access") && line.contains(text)).toList();
            if (!lines.isEmpty() || System.nanoTime() > deadline) {
                assertThat(lines).as("access-log lines with %s", text).hasSize(1);
                return lines.get(0);
            }
            JavaProcess.sleep(50);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
