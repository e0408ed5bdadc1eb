package dev.fedbff.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a GraphQL error with a code and the right status, never a stack trace. */
class BadRequestIT {

    static final LocalSystem SYSTEM = LocalSystem.shared();

    /** How one bad request is sent. */
    interface Send extends Function<URI, GraphQLClient.Response> {
    }

    static Stream<Arguments> badRequests() {
        String token = SYSTEM.token("42");
        String profile = GraphQLClient.query("{ me { id } }");
        return Stream.of(
                Arguments.of("malformed JSON", (Send) uri -> GraphQLClient.post(uri, token, "{\"query\": "), 400, "BAD_REQUEST"),
                Arguments.of("JSON that is not an object", (Send) uri -> GraphQLClient.post(uri, token, "[1, 2]"), 400, "BAD_REQUEST"),
                Arguments.of("no query", (Send) uri -> GraphQLClient.post(uri, token, "{}"), 400, "BAD_REQUEST"),
                Arguments.of("syntax error", (Send) uri -> GraphQLClient.post(uri, token, GraphQLClient.query("{ me { id ")), 400, "GRAPHQL_PARSE_FAILED"),
                Arguments.of("unknown field", (Send) uri -> GraphQLClient.post(uri, token, GraphQLClient.query("{ me { shoeSize } }")), 400, "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("unknown operation name", (Send) uri -> GraphQLClient.post(uri, token,
                        "{\"query\":\"query A { me { id } }\",\"operationName\":\"B\"}"), 400, "OPERATION_NOT_FOUND"),
                Arguments.of("missing required variable", (Send) uri -> GraphQLClient.post(uri, token,
                        GraphQLClient.query("query($id: ID!) { user(id: $id) { name } }")), 400, "BAD_USER_INPUT"),
                Arguments.of("wrong content type", (Send) uri -> GraphQLClient.post(uri, token, "{ me { id } }", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of("mutation over GET", (Send) uri -> GraphQLClient.get(URI.create(uri + "?query="
                        + URLEncoder.encode("mutation { placeOrder(input: {items: []}) { id } }", StandardCharsets.UTF_8)), token), 405, "METHOD_NOT_ALLOWED"),
                Arguments.of("no token", (Send) uri -> GraphQLClient.post(uri, null, profile), 401, "UNAUTHENTICATED"),
                Arguments.of("garbage token", (Send) uri -> GraphQLClient.post(uri, "not.a.jwt", profile), 401, "UNAUTHENTICATED"),
                Arguments.of("token signed with another secret", (Send) uri -> GraphQLClient.post(uri,
                        LocalSystem.sign("42", LocalSystem.newSecret(), Instant.now().plusSeconds(600)), profile), 401, "UNAUTHENTICATED"),
                Arguments.of("expired token", (Send) uri -> GraphQLClient.post(uri,
                        LocalSystem.sign("42", secretOf(), Instant.now().minusSeconds(600)), profile), 401, "UNAUTHENTICATED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    @SuppressWarnings("unchecked")
    void badRequestGetsAClearGraphQLError(String name, Send send, int status, String code) {
        GraphQLClient.Response response = send.apply(SYSTEM.graphql("web-bff"));

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.json()).as(response.body()).isNotNull().doesNotContainKey("data");
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.json().get("errors");
        assertThat(errors).isNotEmpty();
        assertThat((String) errors.get(0).get("message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat((Map<String, Object>) errors.get(0).get("extensions")).containsEntry("code", code);
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
    }

    @AfterAll
    static void nothingLooksLikeACrashInTheLog() {
        assertThat(SYSTEM.bff("web-bff").output()).doesNotContain("\tat ").doesNotContain("ERROR");
    }

    private static String secretOf() {
        String argument = SYSTEM.bffArguments("x").stream().filter(a -> a.startsWith("--fedbff.auth.hs256-secret=")).findFirst().orElseThrow();
        return argument.substring(argument.indexOf('=') + 1);
    }
}
