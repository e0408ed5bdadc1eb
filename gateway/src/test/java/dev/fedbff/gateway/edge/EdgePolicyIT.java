package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Answer;
import dev.fedbff.testsupport.RecordingBackend.Call;
import dev.fedbff.testsupport.TokenIssuer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One table, one configuration ({@code application-edge-policies.yml}), both surfaces: every edge policy is checked
 * against {@code POST /graphql} and {@code GET /api/users/1}. The GraphQL side answers in GraphQL (401/429 with a
 * GraphQL error body; backend failures as {@code null} plus an error at the path, status 200); the REST side answers
 * with problem+json and the matching status. Both see the same breaker, the same limits and the same tokens.
 */
class EdgePolicyIT {

    static final String SECRET = "edge-policy-integration-test-secret-0123456789";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final AtomicInteger USERS = new AtomicInteger();

    static final AtomicReference<Mode> MODE = new AtomicReference<>(Mode.OK);

    static RecordingBackend backend;
    static InProcessBff gateway;
    static int port;

    /** The two ways in. */
    enum Surface {
        GRAPHQL, REST
    }

    /** What the backend does for the next calls. */
    enum Mode {
        OK, SLOW, FAILING
    }

    @BeforeAll
    static void start() {
        backend = new RecordingBackend("users", 0).answer(EdgePolicyIT::answer);
        gateway = InProcessBff.with().profile("edge-policies").setting("fedbff.auth.hs256-secret", SECRET)
                .setting("fedbff.services.users", backend.url()).start();
        port = gateway.port();
        warmUp();
    }

    /**
     * One call on each surface before the table runs, as a user of its own: a cold JVM on a loaded machine can take
     * longer than the 500 ms backend timeout for its very first backend call, which is not what any row is about.
     */
    static void warmUp() {
        for (Surface surface : Surface.values()) {
            try {
                new Sender(surface).send(valid());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        gateway.bean(CircuitBreakerRegistry.class).circuitBreaker("users").reset();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    @AfterEach
    void healBackendAndBreaker() {
        MODE.set(Mode.OK);
        backend.release();
        backend.restart();
        gateway.bean(CircuitBreakerRegistry.class).circuitBreaker("users").reset();
    }

    static Stream<Arguments> policies() {
        List<Arguments> rows = new ArrayList<>();
        for (Surface surface : Surface.values()) {
            rows.add(arguments("no token", surface, (Row) s -> s.send(null), expect401("Bearer")));
            rows.add(arguments("bad signature", surface, (Row) s -> s.send(token(newUser(), "another-secret-of-at-least-32-bytes-xyz", "bff", 600, "users.read")),
                    expect401("Bearer error=\"invalid_token\"")));
            rows.add(arguments("expired", surface, (Row) s -> s.send(token(newUser(), SECRET, "bff", -600, "users.read")), expect401("Bearer error=\"invalid_token\"")));
            rows.add(arguments("alg none", surface, (Row) s -> s.send(algNone(newUser())), expect401("Bearer error=\"invalid_token\"")));
            rows.add(arguments("wrong audience", surface, (Row) s -> s.send(token(newUser(), SECRET, "someone-else", 600, "users.read")),
                    expect401("Bearer error=\"invalid_token\"")));
            rows.add(arguments("missing scope", surface, (Row) s -> s.send(token(newUser(), SECRET, "bff", 600, "profile")), missingScope()));
            rows.add(arguments("rate limit exceeded", surface, (Row) EdgePolicyIT::threeRequests, rateLimited()));
            rows.add(arguments("backend down", surface, (Row) s -> {
                backend.stop();
                return s.send(valid());
            }, backendFailed("SERVICE_UNAVAILABLE", 503, false)));
            rows.add(arguments("breaker open", surface, (Row) EdgePolicyIT::afterBreakerOpens, backendFailed("SERVICE_UNAVAILABLE", 503, true)));
            rows.add(arguments("backend timeout", surface, (Row) s -> {
                MODE.set(Mode.SLOW);
                return s.send(valid());
            }, backendFailed("GATEWAY_TIMEOUT", 504, false)));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("policies")
    void everyPolicyHoldsOnBothSurfaces(String policy, Surface surface, Row row, Check check) throws Exception {
        int callsBefore = backend.calls().size();
        Reply reply = row.run(new Sender(surface));

        check.verify(surface, reply, backend.calls().size() - callsBefore);
    }

    /** A reply as the client saw it. */
    record Reply(int status, java.net.http.HttpHeaders headers, Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> firstError() {
            return ((List<Map<String, Object>>) json.get("errors")).get(0);
        }

        @SuppressWarnings("unchecked")
        String errorCode() {
            return (String) ((Map<String, Object>) firstError().get("extensions")).get("code");
        }
    }

    @FunctionalInterface
    interface Row {
        Reply run(Sender sender) throws Exception;
    }

    @FunctionalInterface
    interface Check {
        void verify(Surface surface, Reply reply, int backendCalls);
    }

    /** Sends the surface's request: {@code { me { name email } }} to /graphql, or GET /api/users/1. */
    record Sender(Surface surface) {
        Reply send(String token) throws IOException, InterruptedException {
            HttpRequest.Builder request = surface == Surface.GRAPHQL
                    ? HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { name email } }\"}"))
                    : HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users/1")).GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), json(response.body()));
        }
    }

    private static Check expect401(String challenge) {
        return (surface, reply, calls) -> {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith(challenge));
            if (surface == Surface.GRAPHQL) {
                assertThat(reply.errorCode()).isEqualTo("UNAUTHENTICATED");
            } else {
                assertProblem(reply, 401);
            }
            assertThat(calls).isZero();
        };
    }

    private static Check missingScope() {
        return (surface, reply, calls) -> {
            if (surface == Surface.GRAPHQL) {
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.json().get("data")).isEqualTo(Map.of("me", nullable("name", "Ada", "email", null)));
                assertThat(reply.firstError()).containsEntry("path", List.of("me", "email"));
                assertThat(reply.errorCode()).isEqualTo("UNAUTHORIZED_FIELD_OR_TYPE");
                assertThat(lastQuery()).doesNotContain("email");
            } else {
                assertProblem(reply, 403);
                assertThat(calls).isZero();
            }
        };
    }

    private static Reply threeRequests(Sender sender) throws Exception {
        String token = valid();
        sender.send(token);
        Reply second = sender.send(token);
        assertThat(second.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        return sender.send(token);
    }

    private static Check rateLimited() {
        return (surface, reply, calls) -> {
            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.headers().firstValue("RateLimit-Limit")).hasValue("2");
            assertThat(reply.headers().firstValue("RateLimit-Remaining")).hasValue("0");
            assertThat(reply.headers().firstValue("RateLimit-Reset")).isPresent();
            assertThat(reply.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
            if (surface == Surface.GRAPHQL) {
                assertThat(reply.errorCode()).isEqualTo("RATE_LIMITED");
            } else {
                assertProblem(reply, 429);
            }
            assertThat(calls).as("the two allowed requests reached the backend, the third did not").isEqualTo(2);
        };
    }

    private static Reply afterBreakerOpens(Sender sender) throws Exception {
        MODE.set(Mode.FAILING);
        for (int i = 0; i < 4; i++) {
            sender.send(valid());
        }
        MODE.set(Mode.OK);
        backend.clear();
        return sender.send(valid());
    }

    /** A failed backend: GraphQL gives null and the code at {@code me}; REST the status as problem+json. */
    private static Check backendFailed(String code, int status, boolean breakerOpen) {
        return (surface, reply, calls) -> {
            if (surface == Surface.GRAPHQL) {
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.json().get("data")).isEqualTo(nullable("me", null));
                assertThat(reply.firstError()).containsEntry("path", List.of("me"));
                assertThat(reply.errorCode()).isEqualTo(code);
            } else {
                assertProblem(reply, status);
            }
            if (breakerOpen) {
                assertThat(backend.calls().size()).as("an open breaker answers without calling the backend").isZero();
                if (surface == Surface.REST) {
                    assertThat(reply.headers().firstValue("Retry-After")).isPresent();
                }
            }
        };
    }

    private static void assertProblem(Reply reply, int status) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(reply.json()).containsEntry("status", status).containsKey("title");
    }

    private static String newUser() {
        return "user-" + USERS.incrementAndGet();
    }

    private static String valid() {
        return token(newUser(), SECRET, "bff", 600, "users.read");
    }

    static String token(String subject, String secret, String audience, long expiresInSeconds, String scope) {
        return TokenIssuer.hs256(secret).token(subject, Instant.now().plusSeconds(expiresInSeconds), Map.of("aud", audience, "scope", scope));
    }

    static String algNone(String subject) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = encoder.encodeToString(("{\"sub\":\"" + subject + "\",\"aud\":\"bff\",\"scope\":\"users.read\",\"exp\":"
                + Instant.now().plusSeconds(600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    private static Map<String, Object> nullable(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        try {
            return body.isEmpty() ? Map.of() : (Map<String, Object>) Json.read(body.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Map.of("unparsable", body);
        }
    }

    /** The GraphQL query the users backend received last. */
    private static String lastQuery() {
        List<Call> queries = backend.calls("/graphql");
        return queries.get(queries.size() - 1).text();
    }

    /** The users backend: GraphQL at /graphql, REST at /users/{id}; slow (held), failing or, once stopped, down. */
    private static Answer answer(Call call) {
        Mode now = MODE.get();
        if (now == Mode.FAILING) {
            return Answer.json("{\"error\":\"boom\"}").withStatus(500);
        }
        Answer ok = Answer.json(call.path().equals("/graphql") ? "{\"data\":{\"me\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}}}" : "{\"id\":\"1\",\"name\":\"Ada\"}");
        return now == Mode.SLOW ? ok.held() : ok;
    }
}
