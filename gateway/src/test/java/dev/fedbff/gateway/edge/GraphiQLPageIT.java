package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.InProcessBff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL at {@code /graphiql} with {@code fedbff.graphiql.enabled}: the page and every asset it loads come from the
 * BFF itself and need no token; without the setting there is no page. (The page at work in a browser:
 * {@code GraphiQLBrowserIT} in the e2e module.)
 */
class GraphiQLPageIT {

    static InProcessBff enabled;
    static InProcessBff disabled;

    @BeforeAll
    static void start() {
        enabled = InProcessBff.start(Map.of("fedbff.graphiql.enabled", "true"));
        disabled = InProcessBff.start(Map.of());
    }

    @AfterAll
    static void stop() {
        enabled.close();
        disabled.close();
    }

    static HttpResponse<byte[]> get(InProcessBff bff, String path) {
        return bff.send(bff.request(path).GET().build());
    }

    @Test
    void thePageNeedsNoTokenAndLoadsOnlyFromTheBff() {
        HttpResponse<byte[]> page = get(enabled, "/graphiql");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html;charset=UTF-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'", "connect-src 'self'");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("<input id=\"fedbff-token\"", "src=\"/graphiql/graphiql.min.js\"", "src=\"/graphiql/start.js\"")
                .doesNotContain("https://", "http://", "unpkg", "jsdelivr");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/graphiql/graphiql.min.js, javascript, GraphiQL",
            "/graphiql/graphiql.min.css, text/css, graphiql-container",
            "/graphiql/react.production.min.js, javascript, react.production.min.js",
            "/graphiql/react-dom.production.min.js, javascript, react-dom.production.min.js",
            "/graphiql/start.js, javascript, Authorization",
            "/graphiql/page.css, text/css, fedbff-bar",
            "/graphiql/licenses/graphiql.txt, text/plain, MIT License",
            "/graphiql/licenses/react.txt, text/plain, MIT License"})
    void everyAssetComesFromTheJar(String path, String type, String content) {
        HttpResponse<byte[]> asset = get(enabled, path);

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type").orElseThrow()).contains(type);
        assertThat(new String(asset.body(), StandardCharsets.UTF_8)).contains(content);
    }

    @Test
    void nothingElseIsServedThere() {
        assertThat(get(enabled, "/graphiql/graphiql.js.map").statusCode()).isEqualTo(404);
        assertThat(get(enabled, "/graphiql/licenses/other.txt").statusCode()).isEqualTo(404);
        assertThat(get(enabled, "/graphql?query=%7B__typename%7D").statusCode()).as("/graphql still needs a token").isEqualTo(401);
    }

    @Test
    void withoutTheSettingThereIsNoGraphiQL() {
        assertThat(get(disabled, "/graphiql").statusCode()).as("not even a public path").isEqualTo(401);
        HttpResponse<byte[]> withToken = disabled.send(disabled.request("/graphiql")
                .header("Authorization", "Bearer " + InProcessBff.token("42")).GET().build());
        assertThat(withToken.statusCode()).isEqualTo(404);
    }
}
