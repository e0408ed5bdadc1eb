package dev.fedbff.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Prometheus reads from a web-bff after one profile query and one request over its rate limit: the request by
 * operation name, one fetch timer per backend, the four breakers' state, the caches, and the rejection by policy.
 * The BFF is one of its own, allowed one query per hour, in front of the shared backends.
 */
class MetricsIT {

    private static final LocalSystem SYSTEM = LocalSystem.shared();
    static final java.nio.file.Path DASHBOARD = JavaProcess.ROOT.resolve("observability/grafana/fedbff-dashboard.json");
    /** A metric name in a PromQL expression: the families fedbff, Resilience4j and Caffeine publish. */
    static final Pattern METRIC = Pattern.compile("\\b(?:fedbff|resilience4j|cache)_[a-z0-9_]+\\b");
    private static JavaProcess bff;
    private static GraphQLClient.Response profile;
    private static GraphQLClient.Response limited;

    /** The BFF, then one profile query and one more over the limit. */
    @BeforeAll
    static void start() {
        bff = SYSTEM.startBff("metrics-web-bff", "web-bff",
                "--fedbff.rate-limit.policies.graphql-query.bands[0].capacity=1",
                "--fedbff.rate-limit.policies.graphql-query.bands[0].period=1h");
        URI graphql = URI.create("http://127.0.0.1:" + bff.port() + "/graphql");
        profile = GraphQLClient.post(graphql, SYSTEM.token("42"), GraphQLClient.query(ProfileQueryIT.PROFILE));
        limited = GraphQLClient.post(graphql, SYSTEM.token("42"), GraphQLClient.query(ProfileQueryIT.PROFILE));
    }

    @AfterAll
    static void stop() {
        if (bff != null) {
            bff.close();
        }
    }

    @Test
    void theScrapeShowsTheProfileQueryItsFetchesBreakersCachesAndTheRejection() {
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json()).doesNotContainKey("errors");
        assertThat(limited.status()).isEqualTo(429);

        Scrape scrape = Scrape.of(bff.port(), SYSTEM.token("prometheus", "metrics"));

        assertThat(scrape.sum("fedbff_requests_seconds_count", Map.of("surface", "graphql", "operation", "Profile", "outcome", "success",
                "status", "200"))).isEqualTo(1);
        assertThat(scrape.samples("fedbff_requests_seconds_bucket", Map.of("operation", "Profile", "le", "0.1"))).isNotEmpty();
        assertThat(scrape.sum("fedbff_requests_seconds_count", Map.of("operation", "Profile", "status", "429"))).isEqualTo(1);
        assertThat(scrape.sum("fedbff_errors_total", Map.of("surface", "graphql", "code", "RATE_LIMITED"))).isEqualTo(1);
        assertThat(scrape.sum("fedbff_ratelimit_decisions_total", Map.of("policy", "graphql-query", "outcome", "rejected"))).isEqualTo(1);
        assertThat(scrape.sum("fedbff_ratelimit_decisions_total", Map.of("policy", "graphql-query", "outcome", "allowed"))).isEqualTo(1);

        Map<String, String> kinds = Map.of("users", "graphql", "orders", "graphql", "products", "rest-connector", "payments", "rest-connector");
        kinds.forEach((service, kind) -> {
            assertThat(scrape.samples("fedbff_backend_fetches_seconds_count", Map.of("service", service)))
                    .as("fetch timers of %s", service)
                    .singleElement().satisfies(sample -> {
                        assertThat(sample.labels()).containsEntry("kind", kind).containsEntry("outcome", "success");
                        assertThat(sample.value()).isEqualTo(1);
                    });
            assertThat(scrape.sum("resilience4j_circuitbreaker_state", Map.of("name", service, "state", "closed")))
                    .as("breaker state of %s", service).isEqualTo(1);
        });

        for (String cache : List.of("fedbff.documents", "fedbff.plans")) {
            assertThat(scrape.sum("cache_gets_total", Map.of("cache", cache, "result", "miss"))).as(cache).isGreaterThanOrEqualTo(1);
            assertThat(scrape.samples("cache_gets_total", Map.of("cache", cache, "result", "hit"))).as(cache).isNotEmpty();
        }
        assertThat(scrape.samples("cache_gets_total", Map.of("cache", "fedbff.responses"))).isNotEmpty();
    }

    /** Every metric the Grafana dashboard in the repository queries is in a real scrape. */
    @Test
    @SuppressWarnings("unchecked")
    void everyMetricTheDashboardQueriesIsInTheScrape() throws java.io.IOException {
        Map<String, Object> dashboard = GraphQLClient.JSON.readValue(java.nio.file.Files.readString(DASHBOARD), Map.class);
        Set<String> queried = new TreeSet<>();
        for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
            for (Map<String, Object> target : (List<Map<String, Object>>) panel.get("targets")) {
                Matcher metric = METRIC.matcher((String) target.get("expr"));
                while (metric.find()) {
                    queried.add(metric.group());
                }
            }
        }
        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThanOrEqualTo(8)
                .contains("fedbff_requests_seconds_bucket", "fedbff_errors_total", "fedbff_backend_fetches_seconds_bucket",
                        "resilience4j_circuitbreaker_state", "fedbff_ratelimit_decisions_total", "cache_gets_total");

        Set<String> scraped = Scrape.of(bff.port(), SYSTEM.token("prometheus", "metrics")).names();

        assertThat(scraped).as("metrics in the scrape").containsAll(queried);
    }

    @Test
    void theScrapeNeedsATokenWithTheMetricsScope() {
        URI prometheus = URI.create("http://127.0.0.1:" + bff.port() + "/actuator/prometheus");
        assertThat(GraphQLClient.get(prometheus, null).status()).isEqualTo(401);
        assertThat(GraphQLClient.get(prometheus, SYSTEM.token("42")).status()).isEqualTo(403);
        assertThat(GraphQLClient.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SYSTEM.token("prometheus", "metrics")).GET().build()).status()).isEqualTo(200);
    }
}
