package dev.fedbff.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Persisted operations on the BFFs as they ship: Apollo's APQ flow (miss, register, hit) over POST and GET on both,
 * answered from the real backends; and mobile-bff in its {@code prod} profile, which runs only the operations of its
 * manifest, by body and by id.
 */
class PersistedOperationsIT {

    static final LocalSystem SYSTEM = LocalSystem.shared();
    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    static final String UNLISTED = "query Emails { me { id email } }";

    static JavaProcess mobileProd;

    @BeforeAll
    static void startMobileInProduction() {
        mobileProd = SYSTEM.startBff("mobile-bff-prod", "mobile-bff", "--spring.profiles.active=prod");
    }

    @AfterAll
    static void stop() {
        if (mobileProd != null) {
            mobileProd.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-bff", "mobile-bff"})
    void apqOverPostMissesThenRegistersThenHits(String bff) {
        String query = ProfileQueryIT.PROFILE.replace("query Profile", "query ProfileOverPost");
        String hash = sha256(query);
        URI graphql = SYSTEM.graphql(bff);

        GraphQLClient.Response miss = post(graphql, body(null, hash, Map.of()));
        assertThat(miss.status()).isEqualTo(200);
        assertThat(withoutTraceIds(miss.json())).isEqualTo(Map.of("errors", List.of(Map.of("message", "PersistedQueryNotFound",
                "extensions", Map.of("code", "PERSISTED_QUERY_NOT_FOUND")))));
        assertThat(miss.headers().firstValue("Cache-Control")).contains("private, no-cache, must-revalidate");

        GraphQLClient.Response registered = post(graphql, body(query, hash, Map.of()));
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.json()).isEqualTo(Map.of("data", Map.of("me", ProfileQueryIT.expectedProfile("42", 5))));

        GraphQLClient.Response hit = post(graphql, body(null, hash, Map.of()));
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.json()).isEqualTo(registered.json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-bff", "mobile-bff"})
    void apqOverGetMissesThenRegistersThenHits(String bff) {
        String query = "query OrderOverGet($id: ID!) { order(id: $id) { id status items { quantity product { name } } } }";
        String hash = sha256(query);

        GraphQLClient.Response miss = get(SYSTEM.graphql(bff), null, hash, "{\"id\":\"17\"}");
        assertThat(miss.status()).isEqualTo(200);
        assertThat(miss.body()).contains("PERSISTED_QUERY_NOT_FOUND");

        GraphQLClient.Response registered = get(SYSTEM.graphql(bff), query, hash, "{\"id\":\"17\"}");
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.json()).containsKey("data").doesNotContainKey("errors");

        GraphQLClient.Response hit = get(SYSTEM.graphql(bff), null, hash, "{\"id\":\"17\"}");
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.json()).isEqualTo(registered.json());
    }

    @Test
    void aHashThatIsNotTheQuerysIsRefusedWith400() {
        GraphQLClient.Response mismatch = post(SYSTEM.graphql("web-bff"), body("{ me { id } }", sha256("{ me { name } }"), Map.of()));

        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).contains("\"code\":\"PERSISTED_QUERY_HASH_MISMATCH\"").doesNotContain("\"data\"");
    }

    @Test
    void inProductionMobileRunsItsManifestByBodyAndById() {
        URI graphql = URI.create("http://127.0.0.1:" + mobileProd.port() + "/graphql");
        String profile = manifestBody("Profile");
        Map<String, Object> expected = Map.of("data", Map.of("me", ProfileQueryIT.expectedProfile("42", 5)));

        GraphQLClient.Response byBody = post(graphql, body(profile, null, Map.of()));
        assertThat(byBody.status()).isEqualTo(200);
        assertThat(byBody.json()).isEqualTo(expected);
        GraphQLClient.Response byId = post(graphql, body(null, sha256(profile), Map.of()));
        assertThat(byId.json()).as("by id, with no query text at all").isEqualTo(expected);
        GraphQLClient.Response byIdOverGet = get(graphql, null, sha256(manifestBody("OrderDetails")), "{\"id\":\"17\"}");
        assertThat(byIdOverGet.status()).isEqualTo(200);
        assertThat(byIdOverGet.json()).containsKey("data").doesNotContainKey("errors");
        assertThat(post(graphql, body(ProfileQueryIT.PROFILE, null, Map.of())).json())
                .as("the same operation written on one line").isEqualTo(expected);
    }

    @Test
    void inProductionMobileRefusesWhatItsAppDoesNotSend() {
        URI graphql = URI.create("http://127.0.0.1:" + mobileProd.port() + "/graphql");
        SYSTEM.clearCalls();

        GraphQLClient.Response unlisted = post(graphql, body(UNLISTED, null, Map.of()));
        assertThat(unlisted.status()).isEqualTo(403);
        assertThat(withoutTraceIds(unlisted.json())).isEqualTo(Map.of("errors", List.of(Map.of("message", "The operation body was not found in the persisted query safelist",
                "extensions", Map.of("code", "QUERY_NOT_IN_SAFELIST")))));
        assertThat(post(graphql, body(UNLISTED, sha256(UNLISTED), Map.of())).status()).as("nor registered as an APQ").isEqualTo(403);
        GraphQLClient.Response unknownId = post(graphql, body(null, sha256(UNLISTED), Map.of()));
        assertThat(unknownId.status()).isEqualTo(200);
        assertThat(unknownId.body()).contains("PERSISTED_QUERY_NOT_FOUND");
        assertThat(SYSTEM.proxy("users").calls()).as("no backend was called for them").isEmpty();

        GraphQLClient.Response onMobileAsUsual = post(SYSTEM.graphql("mobile-bff"), body(UNLISTED, null, Map.of()));
        assertThat(onMobileAsUsual.status()).as("without the prod profile, mobile-bff only logs it").isEqualTo(200);
        assertThat(SYSTEM.bff("mobile-bff").output()).contains("operation not in the persisted-query manifest (audit mode lets it run): query Emails");
    }

    /** The body of one operation of the manifest mobile-bff ships. */
    static String manifestBody(String name) {
        Map<String, Object> manifest = readManifest();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> operations = (List<Map<String, Object>>) manifest.get("operations");
        return operations.stream().filter(operation -> name.equals(operation.get("name"))).map(operation -> (String) operation.get("body"))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readManifest() {
        try {
            return GraphQLClient.JSON.readValue(java.nio.file.Files.readString(
                    JavaProcess.ROOT.resolve("mobile-bff/src/main/resources/persisted-query-manifest.json")), Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(String query, String hash, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        if (!variables.isEmpty()) {
            body.put("variables", variables);
        }
        if (hash != null) {
            body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        }
        return GraphQLClient.JSON.writeValueAsString(body);
    }

    static GraphQLClient.Response post(URI graphql, String body) {
        return GraphQLClient.send(HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SYSTEM.token("42")).header("Content-Type", "application/json")
                .header("Accept", GRAPHQL_RESPONSE).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static GraphQLClient.Response get(URI graphql, String query, String hash, String variables) {
        String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
        StringBuilder uri = new StringBuilder(graphql.toString()).append("?extensions=").append(encode(extensions))
                .append("&variables=").append(encode(variables));
        if (query != null) {
            uri.append("&query=").append(encode(query));
        }
        return GraphQLClient.send(HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SYSTEM.token("42")).header("Accept", GRAPHQL_RESPONSE).GET().build());
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body without each error's {@code extensions.traceId}, once it is checked to be a trace id. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutTraceIds(Map<String, Object> body) {
        ((List<Map<String, Object>>) body.get("errors")).forEach(error -> {
            Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
            assertThat((String) extensions.remove("traceId")).as("extensions.traceId").matches("[0-9a-f]{32}");
        });
        return body;
    }
}
