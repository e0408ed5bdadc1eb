package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.Ports;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.testsupport.RecordingBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The printed plan a client gets with {@code Apollo-Expose-Query-Plan: true} tells, per fetch, the state of its
 * backend's breaker, the time budget the fetch got and whether its answer came from the connector cache.
 */
class ExplainIT {

    static final RecordingBackend PRODUCTS = new RecordingBackend("products", 0)
            .answer(call -> RecordingBackend.Answer.json("{\"id\": \"1\", \"name\": \"Lamp\", \"priceCents\": 1000, \"category\": \"home\"}"));
    static final InProcessBff BFF = InProcessBff.with()
            .allServicesAt("http://127.0.0.1:" + Ports.closed())
            .setting("fedbff.services.products", PRODUCTS.url())
            .setting("fedbff.explain", "true")
            .setting("fedbff.connector-cache.ttl.products", "10m")
            .setting("fedbff.resilience.request-timeout", "10s")
            .setting("fedbff.resilience.services.products.timeout", "2s")
            .setting("fedbff.resilience.services.users.timeout", "3s")
            .setting("fedbff.resilience.services.users.sliding-window-size", "2")
            .setting("fedbff.resilience.services.users.wait-in-open-state", "10m")
            .setting("fedbff.resilience.retry.max-attempts", "1")
            .start();

    @AfterAll
    static void stop() {
        BFF.close();
        PRODUCTS.close();
    }

    @Test
    void eachFetchShowsItsBreakerBudgetAndWhetherTheCacheAnswered() {
        String first = explain("{ product(id: \"1\") { id name } }");
        String second = explain("{ product(id: \"1\") { id name } }");

        assertThat(first).contains("Fetch(service: \"products\"").containsPattern("breaker: \"closed\", budget: \"(19\\d\\d|2000) ms\", cache: \"miss\"");
        assertThat(second).containsPattern("breaker: \"closed\", budget: \"(19\\d\\d|2000) ms\", cache: \"hit\"");
        assertThat(PRODUCTS.calls()).as("the second answer came from the cache").hasSize(1);
    }

    @Test
    void aFetchToABackendWhoseBreakerIsOpenSaysSo() {
        explain("{ me { id } }");
        explain("{ me { id } }");

        String open = explain("{ me { id } }");

        assertThat(open).contains("Fetch(service: \"users\"").containsPattern("breaker: \"open\", budget: \"(29\\d\\d|3000) ms\", cache: \"none\"");
    }

    @SuppressWarnings("unchecked")
    private static String explain(String query) {
        HttpResponse<byte[]> response = BFF.send(BFF.request("/graphql")
                .header("Authorization", "Bearer " + InProcessBff.token("42"))
                .header("Content-Type", "application/json")
                .header("Apollo-Expose-Query-Plan", "true")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(Map.of("query", query)))).build());
        Map<String, Object> body = (Map<String, Object>) Json.read(response.body());
        return (String) ((Map<String, Object>) body.get("extensions")).get("queryPlan");
    }
}
