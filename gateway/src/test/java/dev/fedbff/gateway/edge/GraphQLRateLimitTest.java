package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.MutableClock;
import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.execute.PlanExecutor;
import dev.fedbff.gateway.ratelimit.RateLimitGate;
import dev.fedbff.gateway.ratelimit.RateLimitPolicy;
import dev.fedbff.gateway.ratelimit.RateLimits;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /graphql} behind the gate: queries and mutations draw from their own policies; malformed requests are free. */
class GraphQLRateLimitTest {

    static final String QUERY = "{ me { id } }";
    static final String MUTATION = "mutation { placeOrder(input: {items: [{productId: \"1\", quantity: 1}]}) { id } }";

    final List<FetchRequest> backendCalls = new CopyOnWriteArrayList<>();
    final MutableClock clock = new MutableClock();
    final GraphQLGateway gateway = new GraphQLGateway(SchemaFixtures.supergraph(), new PlanExecutor(this::answer), 100);
    final RateLimitGate gate = RateLimits.gate(RateLimits.callerKeys(List.of()), RateLimits.inMemory(Map.of(
            "graphql-query", policy(band(2, Duration.ofMinutes(1))),
            "graphql-mutation", policy(band(1, Duration.ofMinutes(1)))), clock));
    final WebTestClient client = client(new GraphQLHttpHandler(gateway, gate));

    @Test
    void queriesCountDownThenTheThirdIsRefusedWithAGraphQLError() {
        post(QUERY).expectStatus().isOk()
                .expectHeader().valueEquals("RateLimit-Limit", "2").expectHeader().valueEquals("RateLimit-Remaining", "1")
                .expectHeader().valueEquals("RateLimit-Reset", "30").expectHeader().doesNotExist("Retry-After");
        post(QUERY).expectStatus().isOk().expectHeader().valueEquals("RateLimit-Remaining", "0");

        post(QUERY).expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "30")
                .expectHeader().valueEquals("RateLimit-Limit", "2").expectHeader().valueEquals("RateLimit-Remaining", "0")
                .expectBody()
                .jsonPath("$.data").doesNotExist()
                .jsonPath("$.errors[0].extensions.code").isEqualTo("RATE_LIMITED")
                .jsonPath("$.errors[0].message").isEqualTo("rate limit exceeded; retry after 30 s");
        assertThat(backendCalls).as("the refused query reached no backend").hasSize(2);
    }

    @Test
    void aTokenComesBackWithTime() {
        post(QUERY).expectStatus().isOk();
        post(QUERY).expectStatus().isOk();
        post(QUERY).expectStatus().isEqualTo(429);

        clock.advance(Duration.ofSeconds(30));

        post(QUERY).expectStatus().isOk().expectHeader().valueEquals("RateLimit-Remaining", "0");
    }

    @Test
    void malformedRequestsAreAnsweredWithoutCharge() {
        post("{ me { id ").expectStatus().isBadRequest().expectHeader().doesNotExist("RateLimit-Limit");
        post("{ me { shoeSize } }").expectStatus().isBadRequest().expectHeader().doesNotExist("RateLimit-Limit");
        client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"query\": 42}").exchange()
                .expectStatus().isBadRequest().expectHeader().doesNotExist("RateLimit-Limit");
        client.get().uri(b -> b.path("/graphql").queryParam("query", "{query}").build(MUTATION)).exchange()
                .expectStatus().isEqualTo(405).expectHeader().doesNotExist("RateLimit-Limit");

        post(QUERY).expectStatus().isOk().expectHeader().valueEquals("RateLimit-Remaining", "1");
        post(MUTATION).expectStatus().isOk().expectHeader().valueEquals("RateLimit-Remaining", "0");
    }

    @Test
    void mutationsDrawFromTheirOwnPolicy() {
        post(QUERY).expectStatus().isOk();
        post(QUERY).expectStatus().isOk();

        post(MUTATION).expectStatus().isOk().expectHeader().valueEquals("RateLimit-Limit", "1");
        post(MUTATION).expectStatus().isEqualTo(429).expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("RATE_LIMITED");
    }

    @Test
    void getQueriesAreLimitedLikePosts() {
        for (String remaining : List.of("1", "0")) {
            client.get().uri(b -> b.path("/graphql").queryParam("query", "{query}").build(QUERY)).exchange()
                    .expectStatus().isOk().expectHeader().valueEquals("RateLimit-Remaining", remaining);
        }
        client.get().uri(b -> b.path("/graphql").queryParam("query", "{query}").build(QUERY)).exchange().expectStatus().isEqualTo(429);
    }

    @Test
    void theUnlimitedGateLetsEverythingThroughWithoutHeaders() {
        WebTestClient unlimited = client(new GraphQLHttpHandler(gateway, RateLimitGate.UNLIMITED));

        for (int i = 0; i < 5; i++) {
            unlimited.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", QUERY)).exchange()
                    .expectStatus().isOk().expectHeader().doesNotExist("RateLimit-Limit");
        }
    }

    private WebTestClient.ResponseSpec post(String query) {
        return client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", query)).exchange();
    }

    private static WebTestClient client(GraphQLHttpHandler handler) {
        return WebTestClient.bindToRouterFunction(RouterFunctions.route(
                RequestPredicates.GET("/graphql").or(RequestPredicates.POST("/graphql")), handler::handle)).build();
    }

    private Mono<FetchResult> answer(FetchRequest request) {
        backendCalls.add(request);
        String field = request.subgraph().equals("users") ? "me" : "placeOrder";
        String type = field.equals("me") ? "User" : "Order";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(field, new LinkedHashMap<>(Map.of("id", "1", "__typename", type)));
        return Mono.just(FetchResult.root(JsonObject.from(data), List.of()));
    }

    private static RateLimitPolicy policy(RateLimitPolicy.Band band) {
        return new RateLimitPolicy(List.of(band));
    }

    private static RateLimitPolicy.Band band(long capacity, Duration period) {
        return new RateLimitPolicy.Band(capacity, period);
    }
}
