package dev.fedbff.benchmarks.domain;

import dev.fedbff.benchmarks.server.SubgraphServers;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.sample.SeedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The products and payments GraphQL subgraphs that stand in for the REST backends for the peers, started on free
 * ports: they answer with the seed data the REST backends serve, in the field names {@code schema/} maps them to (the
 * pinned values are what {@code GET /products/7}, {@code /products?ids=1,2} and {@code /payments?orderIds=9042,8042} of
 * the REST backends answer).
 */
class DomainFacadesTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static SubgraphServers facades;

    @BeforeAll
    static void start() {
        facades = DomainFacades.start(0, 0);
    }

    @AfterAll
    static void stop() {
        facades.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            products | { product(id: "7") { id name price category } }  | {"data":{"product":{"id":"7","name":"Quiet Speaker 7","price":5608,"category":"tools"}}}
            products | { product(id: "501") { id } }                     | {"data":{"product":null}}
            products | { _entities(representations: [{__typename: "Product", id: "1"}, {__typename: "Product", id: "2"}]) { ... on Product { id price } } } | {"data":{"_entities":[{"id":"1","price":13429},{"id":"2","price":10304}]}}
            payments | { payment(id: "pay-8042") { orderId status method amount createdAt } } | {"data":{"payment":{"orderId":"8042","status":"CAPTURED","method":"BANK_TRANSFER","amount":94246,"createdAt":"2025-02-09T02:16:00Z"}}}
            payments | { payment(id: "pay-9042") { id } }                  | {"data":{"payment":null}}
            payments | { _entities(representations: [{__typename: "Order", id: "9042"}, {__typename: "Order", id: "8042"}]) { ... on Order { id payment { status } } } } | {"data":{"_entities":[{"id":"9042","payment":null},{"id":"8042","payment":{"status":"CAPTURED"}}]}}
            """)
    void eachAnswersFromTheSeedData(String subgraph, String query, String expected) throws Exception {
        Object answer = post(subgraph, query);

        assertThat(answer).isEqualTo(Json.read(expected.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyProductHasTheRestBackendsValues() throws Exception {
        StringBuilder representations = new StringBuilder();
        SeedData.products().forEach(p -> representations.append("{__typename: \"Product\", id: \"").append(p.id()).append("\"} "));

        Object answer = post("products", "{ _entities(representations: [" + representations + "]) { ... on Product { id name price category description } } }");

        List<Map<String, Object>> expected = SeedData.products().stream().map(p -> Map.<String, Object>of("id", p.id(), "name", p.name(),
                "price", p.priceCents(), "category", p.category(), "description", p.description())).toList();
        assertThat(answer).isEqualTo(Map.of("data", Map.of("_entities", expected)));
    }

    @Test
    void profileCallsAskForUserFortyTwosNewestOrdersAndWhatTheyHold() {
        List<ProfileCalls.Call> calls = ProfileCalls.calls();

        assertThat(calls).extracting(ProfileCalls.Call::level, ProfileCalls.Call::service, ProfileCalls.Call::method)
                .containsExactly(tuple(1, "users", "POST"), tuple(2, "orders", "POST"),
                        tuple(3, "products", "GET"), tuple(3, "payments", "GET"));
        assertThat(calls.get(3).path()).isEqualTo("/payments?orderIds=9042,8042,7042,6042,5042");
        assertThat(calls.get(2).path()).startsWith("/products?ids=").doesNotContain(",,");
    }

    private static Object post(String subgraph, String query) throws Exception {
        URI address = facades.addresses().get(subgraph).resolve("/graphql");
        HttpRequest request = HttpRequest.newBuilder(address).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(Map.of("query", query)))).build();
        HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.read(response.body());
    }
}
