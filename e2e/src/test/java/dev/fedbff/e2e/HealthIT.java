package dev.fedbff.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness as a load balancer or Kubernetes reads it from a web-bff process: down until the graph is loaded and the
 * application has started, then up with the graph's version and load time; still up, without flapping, while a backend
 * is down and its breaker open, which the details show.
 */
class HealthIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final LocalSystem system = LocalSystem.shared();

    @Test
    @SuppressWarnings("unchecked")
    void readinessIsDownUntilTheGraphIsLoadedThenShowsIt() {
        int port = JavaProcess.freePort();
        List<Integer> before = new ArrayList<>();
        List<String> arguments = new ArrayList<>(system.bffArguments(LocalSystem.schemaFolder()));
        arguments.add("--logging.structured.format.console=ecs");
        try (JavaProcess bff = JavaProcess.start("health-starting-web-bff", "web-bff", port, arguments)) {
            GraphQLClient.Response ready = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (ready == null && System.nanoTime() < deadline && bff.process().isAlive()) {
                GraphQLClient.Response answer = readiness(port);
                if (answer != null && answer.status() == 200) {
                    ready = answer;
                } else if (answer != null) {
                    before.add(answer.status());
                    assertThat(answer.body()).as("readiness before the graph is served").doesNotContain("\"UP\"");
                }
                JavaProcess.sleep(10);
            }
            assertThat(ready).as("readiness came up:\n" + bff.tail()).isNotNull();
            assertThat(before).as("answers before readiness was up").allMatch(status -> status == 503);
            Map<String, Object> graph = component(ready, "graph");
            assertThat(graph).containsEntry("status", "UP");
            Map<String, Object> details = (Map<String, Object>) graph.get("details");
            assertThat((String) details.get("version")).matches("[0-9a-f]{12,64}");
            assertThat((String) details.get("loadedAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat((Integer) details.get("subgraphs")).as("users, orders, products, payments and the BFF's own").isEqualTo(5);
            assertThat(details.get("version")).as("the same schema folder, the same version")
                    .isEqualTo(((Map<String, Object>) component(readiness(system.bff("web-bff").port()), "graph").get("details")).get("version"));

            assertThatTheAccessLogIsJson(bff);
        }
    }

    /** With structured logging on, the access-log line is one JSON object whose members are its fields. */
    @SuppressWarnings("unchecked")
    private void assertThatTheAccessLogIsJson(JavaProcess bff) {
        String requestId = "json-" + System.nanoTime();
        GraphQLClient.Response answer = GraphQLClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bff.port() + "/graphql"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + system.token("42")).header("X-Request-Id", requestId)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(GraphQLClient.query("query Me { me { id } }"))).build());
        assertThat(answer.status()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> lines = List.of();
        while (lines.isEmpty() && System.nanoTime() < deadline) {
            lines = bff.output().lines().filter(line -> line.contains("fedbff.access") && line.contains(requestId)).toList();
            JavaProcess.sleep(50);
        }
        assertThat(lines).as("the access-log line of " + requestId + ":\n" + bff.tail()).hasSize(1);
        Map<String, Object> line = readJson(lines.get(0));
        assertThat(line).as(lines.get(0)).isNotNull()
                .containsEntry("request_id", requestId).containsEntry("surface", "graphql").containsEntry("name", "Me")
                .containsEntry("caller", "user:42").containsEntry("backend_calls", 1).containsKey("trace_id");
        assertThat((String) line.get("trace_id")).matches("[0-9a-f]{32}");
    }

    /** {@code /actuator/health/readiness} with a token, so the details show; null while nothing answers. */
    private GraphQLClient.Response readiness(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + system.token("ops")).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new GraphQLClient.Response(response.statusCode(), response.headers(), response.body(), readJson(response.body()));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(String body) {
        try {
            return GraphQLClient.JSON.readValue(body, Map.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> component(GraphQLClient.Response response, String name) {
        Map<String, Object> components = (Map<String, Object>) response.json().get("components");
        assertThat(components).as(response.body()).containsKey(name);
        return (Map<String, Object>) components.get(name);
    }
}
