package dev.fedbff.gateway.passthrough;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routes from configuration: how a request path becomes the backend path, matching, and the settings refused at start-up. */
class RouteTest {

    @ParameterizedTest(name = "{0} with strip-prefix {1} and prefix-path ''{2}'' → {3}, X-Forwarded-Prefix {4}")
    @CsvSource(delimiterString = "|", value = {
            "/api/users/42     | 1 |             | /users/42            | /api",
            "/api/users        | 1 |             | /users               | /api",
            "/api/catalog/b/1  | 2 | /products   | /products/b/1        | /api/catalog",
            "/api/users/42     | 0 |             | /api/users/42        | ''",
            "/api/users/42     | 1 | /v1         | /v1/users/42         | /api",
            "/api/users        | 2 |             | /                    | /api/users"})
    void prefixStripAndRewrite(String request, int strip, String prefixPath, String upstream, String forwardedPrefix) {
        Route route = Route.builder("r").path("/api/**").service("users").stripPrefix(strip).prefixPath(prefixPath == null ? "" : prefixPath).build();

        assertThat(route.upstreamPath(request)).isEqualTo(upstream);
        assertThat(route.strippedPrefix(request)).isEqualTo(forwardedPrefix.equals("''") ? "" : forwardedPrefix);
    }

    @Test
    void theFirstRouteWhosePathAndMethodMatchTakesTheRequest() {
        Route reads = Route.builder("reads").path("/api/orders/**").service("orders").build();
        Route writes = Route.builder("writes").path("/api/orders/**").service("orders").methods(Set.of(HttpMethod.POST)).build();
        RouteTable table = new RouteTable(List.of(reads, writes));

        assertThat(table.match("/api/orders/1", HttpMethod.GET).route()).isEqualTo(reads);
        assertThat(table.match("/api/orders", HttpMethod.POST).route()).isEqualTo(writes);
        RouteTable.Match delete = table.match("/api/orders/1", HttpMethod.DELETE);
        assertThat(delete.methodNotAllowed()).isTrue();
        assertThat(delete.allowedMethods()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST);
        RouteTable.Match elsewhere = table.match("/api/users/1", HttpMethod.GET);
        assertThat(elsewhere.route()).isNull();
        assertThat(elsewhere.methodNotAllowed()).isFalse();
    }

    @Test
    void publicPatternsAreThePathsOfRoutesThatNeedNoToken() {
        RouteTable table = new RouteTable(List.of(
                Route.builder("users").path("/api/users/**").service("users").build(),
                Route.builder("catalog").path("/api/catalog/**").service("products").authRequired(false).build()));

        assertThat(table.publicPatterns()).containsExactly("/api/catalog/**");
    }

    @Test
    void badSettingsAreRefusedWithTheirNames() {
        assertThatThrownBy(() -> Route.builder("users").path("api/users").stripPrefix(-1).prefixPath("v1/").timeout(Duration.ZERO)
                .cacheTtl(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("fedbff.routes[users]")
                .hasMessageContaining("path must be a pattern starting with '/'")
                .hasMessageContaining("service must name a backend")
                .hasMessageContaining("strip-prefix")
                .hasMessageContaining("prefix-path")
                .hasMessageContaining("timeout must be positive")
                .hasMessageContaining("cache-ttl");
        assertThatThrownBy(() -> new RouteTable(List.of(Route.builder("a").path("/x/**").service("s").build(), Route.builder("a").path("/y/**").service("s").build())))
                .hasMessageContaining("two routes have the id a");
    }
}
