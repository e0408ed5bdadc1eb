package dev.fedbff.gateway.persisted;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.core.Json;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Persisted operations through {@code /graphql} of BFFs started from the gateway's auto-configuration: Apollo's APQ
 * flow over POST and GET, two replicas sharing what is registered through one real Redis, and a safelist from a
 * manifest, by body and by id.
 */
class PersistedQueriesIT {

    static final String TOKEN = InProcessBff.token("42");
    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    static RedisServer redis;
    static int redisPort;
    static InProcessBff a;
    static InProcessBff b;
    static InProcessBff safelisted;

    @BeforeAll
    static void start() throws IOException {
        redisPort = RedisPersistedQueryStoreIT.freePort();
        redis = new RedisServer(redisPort);
        redis.start();
        Map<String, String> shared = Map.of("fedbff.persisted-queries.redis.uri", "redis://127.0.0.1:" + redisPort,
                "fedbff.persisted-queries.redis.timeout", "2s");
        a = InProcessBff.start(shared);
        b = InProcessBff.start(shared);
        safelisted = InProcessBff.start(Map.of("fedbff.persisted-queries.manifest", "classpath:persisted/manifest.json",
                "fedbff.persisted-queries.mode", "safelist",
                "fedbff.limits.introspection", "false"));
    }

    @AfterAll
    static void stop() throws IOException {
        for (InProcessBff bff : new InProcessBff[]{a, b, safelisted}) {
            if (bff != null) {
                bff.close();
            }
        }
        redis.stop();
    }

    @Test
    void apqOverPostMissesThenRegistersThenHits() {
        String query = "query PostFlow { __typename }";
        String hash = OperationBody.sha256(query);

        HttpResponse<byte[]> miss = post(a, body(null, hash), GRAPHQL_RESPONSE);
        assertThat(miss.statusCode()).as("a miss answers 200, as Apollo Router does, so every APQ client retries").isEqualTo(200);
        assertThat(new String(miss.body(), StandardCharsets.UTF_8)).as("the error names the request's trace").matches(
                "\\{\"errors\":\\[\\{\"message\":\"PersistedQueryNotFound\",\"extensions\":\\{\"code\":\"PERSISTED_QUERY_NOT_FOUND\",\"traceId\":\"[0-9a-f]{32}\"}}]}");
        assertThat(miss.headers().firstValue("Cache-Control")).contains("private, no-cache, must-revalidate");

        HttpResponse<byte[]> registered = post(a, body(query, hash), GRAPHQL_RESPONSE);
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(json(registered)).isEqualTo(Map.of("data", Map.of("__typename", "Query")));

        HttpResponse<byte[]> hit = post(a, body(null, hash), GRAPHQL_RESPONSE);
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(json(hit)).isEqualTo(Map.of("data", Map.of("__typename", "Query")));
    }

    @Test
    void apqOverGetMissesThenRegistersThenHits() {
        String query = "query GetFlow { __typename }";
        String hash = OperationBody.sha256(query);

        HttpResponse<byte[]> miss = get(a, null, hash);
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(code(miss)).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

        assertThat(json(get(a, query, hash))).isEqualTo(Map.of("data", Map.of("__typename", "Query")));
        HttpResponse<byte[]> hit = get(a, null, hash);
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(json(hit)).isEqualTo(Map.of("data", Map.of("__typename", "Query")));
    }

    @Test
    void whatOneReplicaRegistersTheOtherRunsByHash() {
        String query = "query Shared { __typename }";
        String hash = OperationBody.sha256(query);
        assertThat(code(post(b, body(null, hash), GRAPHQL_RESPONSE))).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

        assertThat(post(a, body(query, hash), GRAPHQL_RESPONSE).statusCode()).isEqualTo(200);

        assertThat(json(post(b, body(null, hash), GRAPHQL_RESPONSE))).isEqualTo(Map.of("data", Map.of("__typename", "Query")));
        assertThat(json(get(b, null, hash))).isEqualTo(Map.of("data", Map.of("__typename", "Query")));
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().get("fedbff:apq:" + hash)).isEqualTo(query);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aHashThatIsNotTheQuerysIsRefused() {
        String wrongHash = OperationBody.sha256("query Other { __typename }");

        HttpResponse<byte[]> refused = post(a, body("query Mismatch { __typename }", wrongHash), GRAPHQL_RESPONSE);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused)).isEqualTo(Map.of("errors", java.util.List.of(Map.of("message", "provided sha does not match query",
                "extensions", Map.of("code", "PERSISTED_QUERY_HASH_MISMATCH")))));
        assertThat(post(a, body("query Mismatch { __typename }", wrongHash), "application/json").statusCode())
                .as("a client that accepts only application/json gets request errors with 200").isEqualTo(200);
        assertThat(code(post(a, body(null, wrongHash), GRAPHQL_RESPONSE))).as("nothing was registered").isEqualTo("PERSISTED_QUERY_NOT_FOUND");
    }

    @Test
    void aSafelistRunsListedOperationsByBodyAndByIdAndRefusesTheRest() {
        Map<String, Object> ran = Map.of("data", Map.of("__typename", "Query"));
        assertThat(json(post(safelisted, body("query Hello { __typename }", null), GRAPHQL_RESPONSE))).as("by body").isEqualTo(ran);
        assertThat(json(post(safelisted, body("query Hello {\n  __typename\n}", null), GRAPHQL_RESPONSE))).as("by body, reformatted").isEqualTo(ran);
        assertThat(json(post(safelisted, body(null, "greeting-v1"), GRAPHQL_RESPONSE))).as("by id").isEqualTo(ran);
        assertThat(json(get(safelisted, null, "greeting-v1"))).as("by id over GET").isEqualTo(ran);
        assertThat(json(post(safelisted, body(null, OperationBody.sha256("query Hello { __typename }")), GRAPHQL_RESPONSE)))
                .as("by the SHA-256 an APQ client sends").isEqualTo(ran);

        HttpResponse<byte[]> unlisted = post(safelisted, body("query Other { __typename }", null), GRAPHQL_RESPONSE);
        assertThat(unlisted.statusCode()).isEqualTo(403);
        assertThat(json(unlisted)).isEqualTo(Map.of("errors", java.util.List.of(Map.of(
                "message", "The operation body was not found in the persisted query safelist", "extensions", Map.of("code", "QUERY_NOT_IN_SAFELIST")))));
        String other = "query Other { __typename }";
        assertThat(post(safelisted, body(other, OperationBody.sha256(other)), GRAPHQL_RESPONSE).statusCode())
                .as("nor can it be registered as an APQ").isEqualTo(403);
        assertThat(post(safelisted, body(other, null), "application/json").statusCode()).as("403 whatever the Accept").isEqualTo(403);
    }

    static String body(String query, String hash) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        if (hash != null) {
            body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        }
        return new String(Json.write(body), StandardCharsets.UTF_8);
    }

    static HttpResponse<byte[]> post(InProcessBff bff, String body, String accept) {
        return bff.send(bff.request("/graphql").header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<byte[]> get(InProcessBff bff, String query, String hash) {
        String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
        String path = "/graphql?extensions=" + URLEncoder.encode(extensions, StandardCharsets.UTF_8)
                + (query == null ? "" : "&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        return bff.send(bff.request(path).header("Authorization", "Bearer " + TOKEN).header("Accept", GRAPHQL_RESPONSE).GET().build());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<byte[]> response) {
        return withoutTraceIds((Map<String, Object>) Json.read(response.body()));
    }

    /** The body without each error's {@code extensions.traceId}, once it is checked to be a trace id. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutTraceIds(Map<String, Object> body) {
        if (body.get("errors") instanceof java.util.List<?> errors) {
            errors.forEach(error -> {
                Map<String, Object> extensions = (Map<String, Object>) ((Map<String, Object>) error).get("extensions");
                assertThat(extensions).as("extensions of %s", error).containsKey("traceId");
                assertThat((String) extensions.remove("traceId")).matches("[0-9a-f]{32}");
            });
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    static String code(HttpResponse<byte[]> response) {
        Map<String, Object> error = ((java.util.List<Map<String, Object>>) json(response).get("errors")).get(0);
        return (String) ((Map<String, Object>) error.get("extensions")).get("code");
    }
}
