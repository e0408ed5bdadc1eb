package dev.fedbff.gateway.edge;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.fedbff.gateway.connect.Json;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
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

    static Backend backend;
    static ConfigurableApplicationContext gateway;
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
    static void start() throws IOException {
        backend = new Backend();
        gateway = new SpringApplicationBuilder(EdgeTestApplication.class).web(WebApplicationType.REACTIVE).properties(
                "spring.profiles.active=edge-policies", "server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                "fedbff.auth.hs256-secret=" + SECRET, "fedbff.services.users=http://127.0.0.1:" + backend.port).run();
        port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port", "0"));
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
        gateway.getBean(CircuitBreakerRegistry.class).circuitBreaker("users").reset();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.stop();
    }

    @AfterEach
    void healBackendAndBreaker() throws IOException {
        backend.mode.set(Mode.OK);
        backend.ensureUp();
        gateway.getBean(CircuitBreakerRegistry.class).circuitBreaker("users").reset();
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
                backend.mode.set(Mode.SLOW);
                return s.send(valid());
            }, backendFailed("GATEWAY_TIMEOUT", 504, false)));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("policies")
    void everyPolicyHoldsOnBothSurfaces(String policy, Surface surface, Row row, Check check) throws Exception {
        int callsBefore = backend.calls.get();
        Reply reply = row.run(new Sender(surface));

        check.verify(surface, reply, backend.calls.get() - callsBefore);
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
                assertThat(backend.lastGraphQLQuery.get()).doesNotContain("email");
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
        backend.mode.set(Mode.FAILING);
        for (int i = 0; i < 4; i++) {
            sender.send(valid());
        }
        backend.mode.set(Mode.OK);
        backend.calls.set(0);
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
                assertThat(backend.calls.get()).as("an open breaker answers without calling the backend").isZero();
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
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).audience(audience).claim("scope", scope)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
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

    /** The users backend: GraphQL at /graphql, REST at /users/{id}; it can be slow, failing or down. */
    static final class Backend {
        final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<String> lastGraphQLQuery = new AtomicReference<>("");
        final int port;
        private HttpServer server;

        Backend() throws IOException {
            server = listen(0);
            port = server.getAddress().getPort();
        }

        private HttpServer listen(int requested) throws IOException {
            HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", requested), 16);
            created.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            created.createContext("/", exchange -> {
                calls.incrementAndGet();
                byte[] request = exchange.getRequestBody().readAllBytes();
                Mode now = mode.get();
                if (now == Mode.SLOW) {
                    sleep(2000);
                }
                boolean graphql = exchange.getRequestURI().getPath().equals("/graphql");
                if (graphql) {
                    lastGraphQLQuery.set(new String(request, StandardCharsets.UTF_8));
                }
                Function<Mode, String> body = m -> graphql ? "{\"data\":{\"me\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"}}}" : "{\"id\":\"1\",\"name\":\"Ada\"}";
                byte[] out = (now == Mode.FAILING ? "{\"error\":\"boom\"}" : body.apply(now)).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(now == Mode.FAILING ? 500 : 200, out.length);
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            });
            created.start();
            return created;
        }

        void stop() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }

        void ensureUp() throws IOException {
            if (server == null) {
                server = listen(port);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The gateway library with its auto-configuration and nothing else. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EdgeTestApplication {
    }
}
