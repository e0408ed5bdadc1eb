package dev.fedbff.gateway.config;

import dev.fedbff.gateway.InProcessBff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS on both surfaces of a BFF with {@code fedbff.cors}: a browser's preflight from a listed origin is answered
 * without a token; one from any other origin is refused; answers to the listed origin carry the CORS headers, errors too.
 */
class CorsIT {

    static final String ALLOWED = "https://shop.example.com";
    static final String OTHER = "https://evil.example.net";

    static InProcessBff bff;
    static InProcessBff open;
    static InProcessBff plain;

    @BeforeAll
    static void start() {
        bff = InProcessBff.start(Map.of(
                "fedbff.cors.allowed-origins", ALLOWED + ", http://localhost:3000",
                "fedbff.cors.allow-credentials", "true",
                "fedbff.routes[0].id", "users",
                "fedbff.routes[0].path", "/api/users/**",
                "fedbff.routes[0].service", "users",
                "fedbff.services.users", "http://127.0.0.1:9"));
        open = InProcessBff.start(Map.of("fedbff.cors.allowed-origins", "*"));
        plain = InProcessBff.start(Map.of());
    }

    /** All at the end: the instances share Reactor Netty's event loops, which the first to close would stop. */
    @AfterAll
    static void stop() {
        for (InProcessBff instance : new InProcessBff[]{bff, open, plain}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    static HttpResponse<byte[]> preflight(InProcessBff target, String path, String origin, String method) {
        return target.send(target.request(path).header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/graphql", "/api/users/1"})
    void aPreflightFromAListedOriginIsAnsweredWithoutAToken(String path) {
        HttpResponse<byte[]> answer = preflight(bff, path, ALLOWED, "POST");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase()).contains("authorization", "content-type");
        assertThat(answer.headers().firstValue("Access-Control-Max-Age")).contains("1800");
        assertThat(answer.headers().firstValue("WWW-Authenticate")).as("no token was asked for").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/graphql", "/api/users/1"})
    void aPreflightFromAnotherOriginIsRefused(String path) {
        HttpResponse<byte[]> answer = preflight(bff, path, OTHER, "POST");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight(bff, path, ALLOWED, "DELETE").statusCode()).as("a method not allowed").isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/graphql", "/api/users/1"})
    void answersToAListedOriginCarryTheCorsHeadersAndAnotherOriginsRequestIsRefused(String path) {
        HttpResponse<byte[]> withoutToken = bff.send(bff.request(path).header("Origin", ALLOWED).GET().build());
        assertThat(withoutToken.statusCode()).as("the page can read the 401").isEqualTo(401);
        assertThat(withoutToken.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED);
        assertThat(withoutToken.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(withoutToken.headers().allValues("Access-Control-Expose-Headers").toString()).contains("RateLimit-Remaining", "Retry-After");

        HttpResponse<byte[]> withToken = bff.send(bff.request(path.equals("/graphql") ? "/graphql?query=%7B__typename%7D" : path)
                .header("Origin", ALLOWED).header("Authorization", "Bearer " + InProcessBff.token("42")).GET().build());
        assertThat(withToken.statusCode()).isIn(200, 503);
        assertThat(withToken.headers().firstValue("Access-Control-Allow-Origin")).contains(ALLOWED);

        HttpResponse<byte[]> fromElsewhere = bff.send(bff.request(path).header("Origin", OTHER)
                .header("Authorization", "Bearer " + InProcessBff.token("42")).GET().build());
        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/graphql", "/api/users/1"})
    void everyOriginMeansNoCredentials(String path) {
        HttpResponse<byte[]> answer = preflight(open, path, OTHER, "GET");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/graphql", "/api/users/1", "/actuator/health"})
    void withoutCorsSettingsNoOriginIsAllowed(String path) {
        HttpResponse<byte[]> answer = preflight(plain, path, ALLOWED, "POST");

        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as("the browser refuses the call").isEmpty();
        assertThat(answer.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }
}
