package dev.fedbff.benchmarks.guild;

import dev.fedbff.benchmarks.server.SubgraphServers;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.connect.GraphQLOverHttpConnector;
import dev.fedbff.gateway.connect.BackendCaller;
import dev.fedbff.gateway.connect.FetchHeaders;
import dev.fedbff.gateway.connect.IdentityHeaders;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.connect.StaticServiceLocator;
import dev.fedbff.gateway.edge.GraphQLGateway;
import dev.fedbff.gateway.edge.GraphQLRequest;
import dev.fedbff.gateway.edge.GraphQLResponse;
import dev.fedbff.gateway.execute.PlanExecutor;
import graphql.execution.RawVariables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.netty.http.client.HttpClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four benchmark subgraphs started on free ports: each answers its part as The Guild's do, and the engine answers
 * the benchmark query from them with the pinned response ({@code guild-response.json}; {@code -Dgolden.update=true}
 * rewrites it, and the diff is reviewed).
 */
class GuildSubgraphsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/guild-response.json");

    private static SubgraphServers subgraphs;
    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        subgraphs = GuildSubgraphs.start(0, 0, 0, 0);
    }

    @AfterAll
    static void stop() {
        subgraphs.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            accounts  | { users { id username } }                      | {"data":{"users":[{"id":"1","username":"urigo"},{"id":"2","username":"dotansimha"},{"id":"3","username":"kamilkisiela"},{"id":"4","username":"ardatan"},{"id":"5","username":"gilgardosh"},{"id":"6","username":"laurin"}]}}
            products  | { topProducts(first: 2) { upc name price } }   | {"data":{"topProducts":[{"upc":"1","name":"Table","price":899},{"upc":"2","name":"Couch","price":1299}]}}
            inventory | { _entities(representations: [{__typename: "Product", upc: "1", price: 899, weight: 100}, {__typename: "Product", upc: "2", price: 1299, weight: 1000}]) { ... on Product { inStock shippingEstimate } } } | {"data":{"_entities":[{"inStock":true,"shippingEstimate":50},{"inStock":false,"shippingEstimate":0}]}}
            reviews   | { _entities(representations: [{__typename: "Product", upc: "4"}, {__typename: "User", id: "3"}]) { ... on Product { reviews { id author { id username } } } ... on User { reviews { id } } } } | {"data":{"_entities":[{"reviews":[{"id":"10","author":{"id":"1","username":"urigo"}},{"id":"11","author":{"id":"1","username":"urigo"}}]},{"reviews":[{"id":"1"},{"id":"2"}]}]}}
            """)
    void eachSubgraphAnswersItsPartAsTheOriginalDoes(String subgraph, String query, String expected) throws Exception {
        String body = new String(Json.write(Map.of("query", query)), StandardCharsets.UTF_8);

        String first = post(subgraphs.addresses().get(subgraph), body);
        String cached = post(subgraphs.addresses().get(subgraph), body);

        assertThat(Json.read(first.getBytes(StandardCharsets.UTF_8))).isEqualTo(Json.read(expected.getBytes(StandardCharsets.UTF_8)));
        assertThat(cached).isEqualTo(first);
    }

    @Test
    void serviceSdlIsTheFederationOneSchemaFile() throws Exception {
        String answer = post(subgraphs.addresses().get("inventory"), "{\"query\":\"{ _service { sdl } }\"}");

        assertThat(answer).contains("extend type Product @key(fields: \\\"upc\\\")");
    }

    @Test
    void theEngineAnswersTheBenchmarkQueryFromTheSubgraphs() throws IOException {
        GraphQLGateway gateway = new GraphQLGateway(supergraph(), new PlanExecutor(connector()), 100);

        GraphQLResponse response = gateway.execute(new GraphQLRequest(BenchmarkQuery.text(), null, RawVariables.emptyVariables()), RequestContext.of(new Caller("benchmark", List.of())))
                .block(Duration.ofSeconds(30));

        assertThat(response).isNotNull();
        assertThat(response.status()).isEqualTo(200);
        byte[] json = Json.write(response.body());
        if (Boolean.getBoolean("golden.update")) {
            Files.write(GOLDEN, json);
        }
        assertThat(json.length).as("response size").isBetween(80_000, 96_000);
        assertThat(Json.read(json)).isEqualTo(Json.read(Files.readAllBytes(GOLDEN)));
    }

    private static Supergraph supergraph() {
        return new SupergraphComposer().compose(Arrays.stream(GuildSubgraph.values())
                .map(subgraph -> new SchemaFile("guild-schema/" + subgraph.subgraphName() + ".graphqls", subgraph.sdl()))
                .toList());
    }

    private static GraphQLOverHttpConnector connector() {
        BackendCaller backends = new BackendCaller(HttpClient.create(), new StaticServiceLocator(subgraphs.addresses()), java.time.Clock.systemUTC());
        return new GraphQLOverHttpConnector(backends, new FetchHeaders(IdentityHeaders.DEFAULT, java.util.Set.of()));
    }

    private static String post(URI address, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(address.resolve("/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
