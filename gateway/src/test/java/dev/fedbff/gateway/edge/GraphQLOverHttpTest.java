package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.execute.PlanExecutor;
import dev.fedbff.gateway.ratelimit.RateLimitGate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The statuses and media types of the GraphQL-over-HTTP spec for each {@code Accept}: a client that accepts only
 * {@code application/json} gets the request errors of a well-formed request with 200, every other client with 400; a
 * request that is not well-formed gets 400 whatever it accepts; all get the errors and no {@code data}; statuses other
 * than 400 are the same for all.
 */
class GraphQLOverHttpTest {

    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    final GraphQLGateway gateway = new GraphQLGateway(SchemaFixtures.supergraph(), new PlanExecutor(request -> Mono.error(new IllegalStateException())), 100);
    final WebTestClient client = WebTestClient.bindToRouterFunction(RouterFunctions.route()
            .route(request -> request.path().equals("/graphql"), new GraphQLHttpHandler(gateway, RateLimitGate.UNLIMITED)::handle).build()).build();

    /**
     * A request error, the status clients that do not accept only {@code application/json} get for it, its code, and
     * whether the request was well-formed (then the legacy client gets 200).
     */
    record Failure(String name, String body, int status, String code, boolean wellFormed) {
    }

    static final List<Failure> FAILURES = List.of(
            new Failure("JSON that does not parse", "{ \"not a JSON", 400, "BAD_REQUEST", false),
            new Failure("no query", "{\"qeury\": \"{ __typename }\"}", 400, "BAD_REQUEST", false),
            new Failure("a query that is a number", "{\"query\": 0}", 400, "BAD_REQUEST", false),
            new Failure("variables that are a list", "{\"query\": \"{ __typename }\", \"variables\": [\"array\"]}", 400, "BAD_REQUEST", false),
            new Failure("operationName that is an object", "{\"query\": \"{ __typename }\", \"operationName\": {}}", 400, "BAD_REQUEST", false),
            new Failure("extensions that are a string", "{\"query\": \"{ __typename }\", \"extensions\": \"string\"}", 400, "BAD_REQUEST", false),
            new Failure("extensions that are false", "{\"query\": \"{ __typename }\", \"extensions\": false}", 400, "BAD_REQUEST", false),
            new Failure("extensions that are a list", "{\"query\": \"{ __typename }\", \"extensions\": [\"array\"]}", 400, "BAD_REQUEST", false),
            new Failure("a syntax error", "{\"query\": \"{\"}", 400, "GRAPHQL_PARSE_FAILED", true),
            new Failure("an unknown field", "{\"query\": \"{ shoeSize }\"}", 400, "GRAPHQL_VALIDATION_FAILED", true),
            new Failure("a missing variable", "{\"query\": \"query($id: ID!) { user(id: $id) { id } }\"}", 400, "BAD_USER_INPUT", true),
            new Failure("a variable that cannot be coerced", "{\"query\": \"query($id: ID!) { user(id: $id) { id } }\", \"variables\": {\"id\": null}}",
                    400, "BAD_USER_INPUT", true),
            new Failure("an unsupported persisted query", "{\"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"ab\"}}}",
                    200, "PERSISTED_QUERY_NOT_SUPPORTED", true));

    static Stream<Arguments> requestErrors() {
        List<Arguments> rows = new ArrayList<>();
        for (Failure failure : FAILURES) {
            int legacy = failure.wellFormed() && failure.status() == 400 ? 200 : failure.status();
            rows.add(arguments(failure.name(), GRAPHQL_RESPONSE, failure.body(), failure.status(), GRAPHQL_RESPONSE, failure.code()));
            rows.add(arguments(failure.name(), GRAPHQL_RESPONSE + ", application/json;q=0.9", failure.body(), failure.status(), GRAPHQL_RESPONSE, failure.code()));
            rows.add(arguments(failure.name(), "application/json", failure.body(), legacy, "application/json", failure.code()));
            rows.add(arguments(failure.name(), "*/*", failure.body(), failure.status(), "application/json", failure.code()));
            rows.add(arguments(failure.name(), null, failure.body(), failure.status(), "application/json", failure.code()));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}, Accept: {1} -> {3}")
    @MethodSource("requestErrors")
    void requestErrorsAnswerAsTheAcceptHeaderAsks(String name, @Nullable String accept, String body, int status, String contentType, String code) {
        WebTestClient.RequestBodySpec request = client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
        if (accept != null) {
            request.header("Accept", accept);
        }
        request.bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(contentType)
                .expectBody()
                .jsonPath("$.data").doesNotExist()
                .jsonPath("$.errors[0].extensions.code").isEqualTo(code)
                .jsonPath("$.errors[0].message").isNotEmpty();
    }

    @ParameterizedTest(name = "Accept: {0}")
    @MethodSource("accepts")
    void statusesThatAreNotRequestErrorsAreTheSameForEveryClient(@Nullable String accept) {
        WebTestClient.RequestHeadersSpec<?> mutationOverGet = client.get().uri(b -> b.path("/graphql").queryParam("query", "{q}")
                .build("mutation { placeOrder(input: {items: []}) { id } }"));
        WebTestClient.RequestHeadersSpec<?> noContentType = client.post().uri("/graphql").bodyValue("{}".getBytes());
        WebTestClient.RequestHeadersSpec<?> put = client.put().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        if (accept != null) {
            mutationOverGet.header("Accept", accept);
            noContentType.header("Accept", accept);
            put.header("Accept", accept);
        }
        mutationOverGet.exchange().expectStatus().isEqualTo(405).expectHeader().valueEquals("Allow", "POST");
        noContentType.exchange().expectStatus().isEqualTo(415);
        put.exchange().expectStatus().isEqualTo(405).expectHeader().valueEquals("Allow", "GET, POST");
    }

    static Stream<String> accepts() {
        return Stream.of(GRAPHQL_RESPONSE, "application/json", "*/*", null);
    }

    @ParameterizedTest(name = "Accept: {0}")
    @MethodSource("accepts")
    void aWellFormedRequestWithNullOrObjectParametersRuns(@Nullable String accept) {
        for (String body : List.of("{\"query\": \"{ __typename }\", \"variables\": null, \"operationName\": null, \"extensions\": null}",
                "{\"query\": \"query Q { __typename }\", \"operationName\": \"Q\", \"extensions\": {\"some\": \"value\"}}")) {
            WebTestClient.RequestBodySpec request = client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
            if (accept != null) {
                request.header("Accept", accept);
            }
            request.bodyValue(body).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.data.__typename").isEqualTo("Query").jsonPath("$.errors").doesNotExist();
        }
        WebTestClient.RequestHeadersSpec<?> get = client.get().uri(b -> b.path("/graphql")
                .queryParam("query", "{q}").queryParam("extensions", "{e}").build("{ __typename }", "{\"some\":\"value\"}"));
        if (accept != null) {
            get.header("Accept", accept);
        }
        get.exchange().expectStatus().isOk().expectBody().jsonPath("$.data.__typename").isEqualTo("Query");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"string\"", "0", "false", "[\"array\"]", "{"})
    void getExtensionsThatAreNotAnObjectAreABadRequestForEveryClient(String extensions) {
        for (String accept : List.of(GRAPHQL_RESPONSE, "application/json")) {
            client.get().uri(b -> b.path("/graphql").queryParam("query", "{q}").queryParam("extensions", "{e}").build("{ __typename }", extensions))
                    .header("Accept", accept).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].extensions.code").isEqualTo("BAD_REQUEST");
        }
        client.get().uri("/graphql").header("Accept", "application/json").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("the request has no query");
    }
}
