package dev.fedbff.gateway.config;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.Ports;
import dev.fedbff.gateway.core.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness of a BFF in process, as a load balancer reads {@code /actuator/health/readiness} (with a token, so the
 * details show): up with the graph serving; still up, without flapping, while a backend is down and its breaker open,
 * which the details show; down from the moment a graceful shutdown begins.
 */
class ReadinessIT {

    static final String PRODUCT = "{ product(id: \"1\") { id name } }";
    static final InProcessBff BFF = InProcessBff.with()
            .allServicesAt("http://127.0.0.1:" + Ports.closed())
            .setting("fedbff.resilience.services.products.sliding-window-size", "2")
            .setting("fedbff.resilience.services.products.wait-in-open-state", "10m")
            .setting("fedbff.resilience.retry.max-attempts", "1")
            .start();
    static final String TOKEN = InProcessBff.token("ops");

    @AfterAll
    static void stop() {
        BFF.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void readinessShowsTheGraphServing() {
        Map<String, Object> ready = readiness(200);

        Map<String, Object> graph = component(ready, "graph");
        assertThat(graph).containsEntry("status", "UP");
        Map<String, Object> details = (Map<String, Object>) graph.get("details");
        assertThat(details).containsEntry("version", BFF.bean(dev.fedbff.gateway.edge.GraphQLGateway.class).supergraph().version())
                .containsEntry("subgraphs", 4);
        assertThat((String) details.get("loadedAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(component(ready, "readinessState")).containsEntry("status", "UP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBackendDownWithItsBreakerOpenLeavesReadinessUpAndShowsInTheDetails() {
        for (int i = 0; i < 3; i++) {
            InProcessBff.Response response = BFF.post(PRODUCT, InProcessBff.token("42"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.extensions(0)).containsEntry("serviceName", "products").containsEntry("code", "SERVICE_UNAVAILABLE");
        }

        for (int poll = 0; poll < 5; poll++) {
            Map<String, Object> ready = readiness(200);
            assertThat(ready).containsEntry("status", "UP");
            Map<String, Object> backends = (Map<String, Object>) component(ready, "backends").get("details");
            assertThat((Map<String, Object>) backends.get("products")).containsEntry("breaker", "open").containsEntry("ejected", List.of());
        }
    }

    @Test
    void readinessIsDownOnceAShutdownBegins() {
        readiness(200);
        try {
            // what Spring Boot publishes when SIGTERM starts the graceful shutdown
            AvailabilityChangeEvent.publish(BFF.context(), ReadinessState.REFUSING_TRAFFIC);

            Map<String, Object> refusing = readiness(503);
            assertThat(refusing).containsEntry("status", "OUT_OF_SERVICE");
            assertThat(component(refusing, "readinessState")).containsEntry("status", "OUT_OF_SERVICE");
            assertThat(component(refusing, "graph")).as("the graph is still loaded").containsEntry("status", "UP");
        } finally {
            AvailabilityChangeEvent.publish(BFF.context(), ReadinessState.ACCEPTING_TRAFFIC);
        }
        readiness(200);
    }

    @Test
    void withoutAGraphTheGraphComponentIsDown() {
        GraphReadiness noGraph = new GraphReadiness(() -> null, List.of(health -> health.withDetail("reload", "pending")));
        assertThat(noGraph.health().getStatus().getCode()).isEqualTo("DOWN");

        GraphReadiness withMore = new GraphReadiness(() -> BFF.bean(dev.fedbff.gateway.edge.GraphQLGateway.class), List.of(health -> health.withDetail("reload", "idle")));
        assertThat(withMore.health().getDetails()).containsEntry("reload", "idle").containsKey("version");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readiness(int status) {
        HttpResponse<byte[]> response = BFF.send(BFF.request("/actuator/health/readiness").header("Authorization", "Bearer " + TOKEN).GET().build());
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(status);
        return (Map<String, Object>) Json.read(response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> component(Map<String, Object> health, String name) {
        Map<String, Object> components = (Map<String, Object>) health.get("components");
        assertThat(components).as("%s", health).containsKey(name);
        return (Map<String, Object>) components.get(name);
    }
}
