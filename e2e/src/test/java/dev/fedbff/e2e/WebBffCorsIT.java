package dev.fedbff.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS as web-bff ships it ({@code fedbff.cors.allowed-origins}: the web app's origin, {@code http://localhost:3000} by
 * default): a browser's preflight from that origin succeeds without a token on both surfaces, one from another origin
 * is refused, and mobile-bff (no browsers) allows no origin.
 */
class WebBffCorsIT {

    static final LocalSystem SYSTEM = LocalSystem.shared();
    static final String WEB_APP = "http://localhost:3000";

    @ParameterizedTest
    @ValueSource(strings = {"/graphql", "/api/users/42"})
    void thePreflightOfTheWebAppSucceedsWithoutAToken(String path) {
        GraphQLClient.Response preflight = preflight("web-bff", path, WEB_APP);

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB_APP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase()).contains("authorization");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/graphql", "/api/users/42"})
    void thePreflightOfAnotherOriginIsRefused(String path) {
        GraphQLClient.Response preflight = preflight("web-bff", path, "https://attacker.example");

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/graphql", "/api/users/42"})
    void mobileBffAllowsNoOrigin(String path) {
        assertThat(preflight("mobile-bff", path, WEB_APP).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    static GraphQLClient.Response preflight(String bff, String path, String origin) {
        return GraphQLClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SYSTEM.bff(bff).port() + path))
                .timeout(Duration.ofSeconds(10)).header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }
}
