package dev.fedbff.gateway.observe;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.testsupport.RecordingBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator reads in the scrape about requests the security chain refused before any handler ran: a 401 or
 * 403 on a passthrough route's path counts under surface {@code passthrough} (not {@code other}), as the same refusal on
 * {@code /graphql} counts under {@code graphql}; a path neither surface serves stays {@code other}. No backend is called.
 */
class RequestMetricsIT {

    static final RecordingBackend BACKEND = new RecordingBackend().answer(call -> RecordingBackend.Answer.json("{}"));
    static final String SCRAPER = InProcessBff.token("prometheus", Map.of("scope", "metrics"));
    static InProcessBff bff;

    @BeforeAll
    static void start() {
        bff = InProcessBff.with().profile("passthrough").allServicesAt(BACKEND.url())
                .setting("management.endpoints.web.exposure.include", "health,prometheus").start();
    }

    @AfterAll
    static void stop() {
        bff.close();
        BACKEND.close();
    }

    @Test
    void refusedPassthroughRequestsCountUnderThePassthroughSurface() {
        assertThat(get("/api/users/401", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/users/401", "not.a.jwt").statusCode()).isEqualTo(401);
        assertThat(get("/graphql", null).statusCode()).isEqualTo(401);
        assertThat(get("/nowhere", null).statusCode()).isEqualTo(401);

        String scrape = scrapeShowing("fedbff_requests_seconds_count", Map.of("surface", "passthrough", "status", "401"), 2);

        assertThat(sum(scrape, "fedbff_requests_seconds_count", Map.of("surface", "passthrough", "route", "none", "status", "401",
                "outcome", "client_error"))).isEqualTo(2);
        assertThat(sum(scrape, "fedbff_errors_total", Map.of("surface", "passthrough", "code", "UNAUTHENTICATED"))).isEqualTo(2);
        assertThat(sum(scrape, "fedbff_requests_seconds_count", Map.of("surface", "graphql", "status", "401"))).isEqualTo(1);
        assertThat(sum(scrape, "fedbff_requests_seconds_count", Map.of("surface", "other", "status", "401"))).isEqualTo(1);
        assertThat(sum(scrape, "fedbff_requests_seconds_count", Map.of("surface", "other", "route", "none"))).isEqualTo(1);
        assertThat(BACKEND.calls()).isEmpty();
    }

    @Test
    void aRouteRefusingTheCallersScopeIsTaggedWithTheRoute() {
        String bob = InProcessBff.token("bob", Map.of("roles", List.of("reader")));
        assertThat(get("/api/orders/403", bob).statusCode()).isEqualTo(403);

        String scrape = scrapeShowing("fedbff_requests_seconds_count", Map.of("surface", "passthrough", "route", "orders", "status", "403"), 1);

        assertThat(sum(scrape, "fedbff_errors_total", Map.of("surface", "passthrough", "code", "INSUFFICIENT_SCOPE"))).isEqualTo(1);
    }

    private static HttpResponse<byte[]> get(String path, String token) {
        var request = bff.request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return bff.send(request.build());
    }

    /**
     * The scrape once it shows {@code count} of the metric with these labels: a request is counted once its answer has
     * gone, which the client may see first. Gives up after 10 s and returns the last scrape.
     */
    private static String scrapeShowing(String metric, Map<String, String> labels, double count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<byte[]> response = get("/actuator/prometheus", SCRAPER);
            assertThat(response.statusCode()).isEqualTo(200);
            String scrape = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            if (sum(scrape, metric, labels) >= count || System.nanoTime() > deadline) {
                return scrape;
            }
            Thread.onSpinWait();
        }
    }

    /** The sum of the samples of {@code metric} whose labels include all of {@code labels}. */
    static double sum(String scrape, String metric, Map<String, String> labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(metric + "{"))
                .filter(line -> labels.entrySet().stream().allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
