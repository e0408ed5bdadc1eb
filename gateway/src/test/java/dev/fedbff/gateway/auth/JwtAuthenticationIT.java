package dev.fedbff.gateway.auth;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.fedbff.gateway.auth.TestKeys.EC;
import static dev.fedbff.gateway.auth.TestKeys.RSA;
import static dev.fedbff.gateway.auth.TestKeys.claims;
import static dev.fedbff.gateway.auth.TestKeys.es256;
import static dev.fedbff.gateway.auth.TestKeys.hs256;
import static dev.fedbff.gateway.auth.TestKeys.rs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * Real tokens against the gateway running in process: RS256 and ES256 keys from a JWKS endpoint on a free port and
 * HS256 with the shared secret, both configured at once, issuer and audience checked, 60 s clock skew. Each row is
 * what a client sends to {@code /graphql} and what it gets back; {@code { __typename }} needs no backend.
 */
class JwtAuthenticationIT {

    static final RSAKey ROTATED_IN = TestKeys.rsa("rsa-2");
    static final JwksServer JWKS = new JwksServer(TestKeys.published(RSA, EC));
    static final RecordingBackend USERS = new RecordingBackend("users", 0).answer(call -> Answer.json(
            "{\"data\":{\"me\":{\"__typename\":\"User\",\"id\":\"" + call.header("X-User-Id") + "\"}}}"));
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static InProcessBff gateway;
    static URI base;

    @BeforeAll
    static void start() throws Exception {
        gateway = InProcessBff.with().source(AdminRoute.class).settings(Map.of(
                "fedbff.auth.hs256-secret", TestKeys.SECRET,
                "fedbff.auth.jwks-uri", JWKS.uri().toString(),
                "fedbff.auth.algorithms", "HS256,RS256,ES256",
                "fedbff.auth.issuer", TestKeys.ISSUER,
                "fedbff.auth.audiences", TestKeys.AUDIENCE,
                "fedbff.auth.clock-skew", "60s",
                "fedbff.services.users", USERS.url())).allServicesAt("http://127.0.0.1:9").start();
        base = gateway.uri("/");
        assertThat(graphql(rs256(RSA, claims(c -> c)), "{ __typename }").statusCode())
                .as("a first RS256 token fetches the JWK set, so a later unknown kid is a real refetch").isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        JWKS.close();
        USERS.close();
    }

    static Stream<Arguments> tokens() {
        return Stream.of(
                row("valid RS256 from the JWK set", () -> rs256(RSA, claims(c -> c)), 200),
                row("valid ES256 from the JWK set", () -> es256(EC, claims(c -> c)), 200),
                row("valid HS256 with the shared secret", () -> hs256(claims(c -> c)), 200),
                row("expired beyond the clock skew", () -> rs256(RSA, claims(c -> c.expirationTime(secondsFromNow(-120)))), 401),
                row("expired within the clock skew", () -> rs256(RSA, claims(c -> c.expirationTime(secondsFromNow(-30)))), 200),
                row("not yet valid beyond the clock skew", () -> es256(EC, claims(c -> c.notBeforeTime(secondsFromNow(120)))), 401),
                row("not yet valid within the clock skew", () -> es256(EC, claims(c -> c.notBeforeTime(secondsFromNow(30)))), 200),
                row("no expiry", () -> rs256(RSA, claims(c -> c.expirationTime(null))), 401),
                row("no subject", () -> rs256(RSA, claims(c -> c.subject(null))), 401),
                row("wrong issuer", () -> rs256(RSA, claims(c -> c.issuer("https://id.example.evil/"))), 401),
                row("wrong audience", () -> rs256(RSA, claims(c -> c.audience("another-api"))), 401),
                row("one of several audiences is ours", () -> rs256(RSA, claims(c -> c.audience(List.of("another-api", TestKeys.AUDIENCE)))), 200),
                row("alg none", () -> TestKeys.unsigned(claims(c -> c)), 401),
                row("HS256 signed with the RSA public key (HS/RS confusion)", () -> TestKeys.hs256WithPublicKey(RSA, claims(c -> c)), 401),
                row("HS256 signed with another secret", () -> hs256("another-secret-that-is-at-least-32-bytes".getBytes(), claims(c -> c)), 401),
                row("tampered payload", () -> TestKeys.tampered(rs256(RSA, claims(c -> c)), claims(c -> c.subject("1"))), 401),
                row("RS256 with a kid the JWK set never had", () -> rs256(TestKeys.rsa("stranger"), claims(c -> c)), 401),
                row("not a JWT", () -> "not.a.jwt", 401),
                row("unknown kid after key rotation", JwtAuthenticationIT::rotateAndSign, 200),
                row("no token", () -> null, 401));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("tokens")
    @SuppressWarnings("unchecked")
    void aTokenIsAcceptedOrRefused(String description, Supplier<String> mint, int status) throws Exception {
        String token = mint.get();
        HttpResponse<byte[]> response = graphql(token, "{ __typename }");

        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(status);
        Map<?, ?> body = (Map<?, ?>) Json.read(response.body());
        if (status == 200) {
            assertThat(body).isEqualTo(Map.of("data", Map.of("__typename", "Query")));
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
            return;
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(body.get("errors")).asInstanceOf(LIST).singleElement()
                .satisfies(error -> assertThat((Map<String, Object>) ((Map<?, ?>) error).get("extensions")).containsEntry("code", "UNAUTHENTICATED")
                        .hasEntrySatisfying("traceId", traceId -> assertThat((String) traceId).matches("[0-9a-f]{32}")).hasSize(2));
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        if (token == null) {
            assertThat(challenge).isEqualTo("Bearer");
        } else {
            assertThat(challenge).startsWith("Bearer error=\"invalid_token\", error_description=\"");
        }
    }

    @Test
    void theBackendSeesTheVerifiedSubjectAndRolesNeverTheClientsHeaders() throws Exception {
        String token = es256(EC, claims(c -> c.subject("42").claim("roles", List.of("admin", "support"))));
        int before = USERS.calls().size();

        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve("/graphql"))
                .header("Authorization", "Bearer " + token)
                .header("X-User-Id", "1").header("x-user-roles", "superuser")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(Map.of("query", "{ me { id } }")))));

        assertThat(Json.read(response.body())).isEqualTo(Map.of("data", Map.of("me", Map.of("id", "42"))));
        assertThat(USERS.calls()).hasSize(before + 1);
        assertThat(USERS.calls().get(before).headers().get("x-user-id")).containsExactly("42");
        assertThat(USERS.calls().get(before).headers().get("x-user-roles")).containsExactly("admin,support");
    }

    @Test
    void restRoutesAnswerProblemJson() throws Exception {
        HttpResponse<byte[]> anonymous = send(HttpRequest.newBuilder(base.resolve("/api/admin")).GET());
        HttpResponse<byte[]> reader = send(HttpRequest.newBuilder(base.resolve("/api/admin"))
                .header("Authorization", "Bearer " + rs256(RSA, claims(c -> c.claim("roles", List.of("reader"))))).GET());
        HttpResponse<byte[]> admin = send(HttpRequest.newBuilder(base.resolve("/api/admin"))
                .header("Authorization", "Bearer " + rs256(RSA, claims(c -> c.claim("roles", "reader admin")))).GET());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Json.read(anonymous.body())).asInstanceOf(MAP).containsEntry("status", 401);
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(reader.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"insufficient_scope\"");
        assertThat(reader.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Json.read(reader.body())).asInstanceOf(MAP).containsEntry("status", 403);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(new String(admin.body())).isEqualTo("hello 42");
    }

    @Test
    void healthIsPublic() throws Exception {
        HttpResponse<byte[]> health = send(HttpRequest.newBuilder(base.resolve("/actuator/health")).GET());

        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void aNewKidFetchesTheKeySetOnceAndOnlyThen() throws Exception {
        RSAKey next = TestKeys.rsa("rsa-3");
        JWKS.publish(withKey(next));
        int before = JWKS.fetches();

        assertThat(graphql(rs256(RSA, claims(c -> c)), "{ __typename }").statusCode()).isEqualTo(200);
        assertThat(JWKS.fetches()).as("a known kid is served from the cached key set").isEqualTo(before);
        assertThat(graphql(rs256(next, claims(c -> c)), "{ __typename }").statusCode()).isEqualTo(200);
        assertThat(graphql(rs256(next, claims(c -> c)), "{ __typename }").statusCode()).isEqualTo(200);
        assertThat(JWKS.fetches()).as("the new kid fetched the key set once").isEqualTo(before + 1);
    }

    @Test
    void anIdentityProviderOutageIsUnavailableNotUnauthenticated() throws Exception {
        JWKS.down(true);
        HttpResponse<byte[]> response;
        try {
            response = graphql(rs256(TestKeys.rsa("rsa-during-outage"), claims(c -> c)), "{ __typename }");
        } finally {
            JWKS.down(false);
        }

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(withoutTraceIds(cast(Json.read(response.body())))).isEqualTo(Map.of("errors", List.of(Map.of(
                "message", "the gateway cannot verify bearer tokens right now; try again shortly",
                "extensions", Map.of("code", "SERVICE_UNAVAILABLE")))));
    }

    private static String rotateAndSign() {
        JWKS.publish(withKey(ROTATED_IN));
        return rs256(ROTATED_IN, claims(c -> c));
    }

    /** The published key set plus {@code key}: how an identity provider introduces a new signing key. */
    private static JWKSet withKey(RSAKey key) {
        List<JWK> keys = new ArrayList<>(JWKS.published().getKeys());
        keys.add(key.toPublicJWK());
        return new JWKSet(keys);
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }

    private static Arguments row(String description, Supplier<String> token, int status) {
        return Arguments.of(description, token, status);
    }

    private static HttpResponse<byte[]> graphql(String token, String query) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(Map.of("query", query))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object json) {
        return (Map<String, Object>) json;
    }

    /** The body without each error's {@code extensions.traceId}, once it is checked to be a trace id. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutTraceIds(Map<String, Object> body) {
        ((List<Map<String, Object>>) body.get("errors")).forEach(error -> {
            Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
            assertThat((String) extensions.remove("traceId")).as("extensions.traceId").matches("[0-9a-f]{32}");
        });
        return body;
    }
}
