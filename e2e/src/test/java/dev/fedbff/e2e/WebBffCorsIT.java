package dev.fedbff.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS as web-bff ships it ({@code fedbff.cors.allowed-origins}: the web app's origin, {@code http://localhost:3000} by
 * default): a browser's preflight from that origin succeeds without a token on both surfaces, one from another origin
 * is refused, and mobile-bff (no browsers) allows no origin.
 */
class WebBffCorsIT {

    static final LocalSystem SYSTEM = LocalSystem.shared();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String WEB_APP = "http://localhost:3000";

    @ParameterizedTest
    @ValueSource(strings = {"/graphql", "/api/users/42"})
    void thePreflightOfTheWebAppSucceedsWithoutAToken(String path) {
        HttpResponse<String> preflight = preflight("web-bff", path, WEB_APP);

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(WEB_APP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase()).contains("authorization");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/graphql", "/api/users/42"})
    void thePreflightOfAnotherOriginIsRefused(String path) {
        HttpResponse<String> preflight = preflight("web-bff", path, "https://attacker.example");

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/graphql", "/api/users/42"})
    void mobileBffAllowsNoOrigin(String path) {
        assertThat(preflight("mobile-bff", path, WEB_APP).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    static HttpResponse<String> preflight(String bff, String path, String origin) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SYSTEM.bff(bff).port() + path))
                .timeout(Duration.ofSeconds(10)).header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
