package dev.fedbff.gateway.shape;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.ResponseError;
import dev.fedbff.gateway.execute.ExecutionResult;
import dev.fedbff.gateway.execute.OperationContext;
import dev.fedbff.gateway.plan.Operation;
import graphql.execution.RawVariables;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The JSON a client receives: merged fetch results (with the keys and {@code __typename}s the plan added) shaped
 * by the client's own operation, with GraphQL's null propagation.
 */
class ResponseShaperTest {

    static final GraphQLSchema SCHEMA = SchemaFixtures.supergraph().schema();

    private final ResponseShaper shaper = new ResponseShaper();

    static Stream<Arguments> shapes() {
        return Stream.of(
                arguments("aliases, and the fields the plan added are removed",
                        "{ viewer: me { userId: id name } }",
                        Map.of(),
                        "{'viewer': {'userId': 'u1', 'name': 'Ada', 'id': 'u1', '__typename': 'User'}}",
                        "{'viewer': {'userId': 'u1', 'name': 'Ada'}}"),
                arguments("__typename is answered from the schema, under its alias too",
                        "{ me { __typename kind: __typename id } }",
                        Map.of(),
                        "{'me': {'id': 'u1'}}",
                        "{'me': {'__typename': 'User', 'kind': 'User', 'id': 'u1'}}"),
                arguments("named and inline fragments, in document order",
                        """
                        { me { ...Names orders(first: 1) { ... on Order { total } id } } }
                        fragment Names on User { name email }
                        """,
                        Map.of(),
                        "{'me': {'name': 'Ada', 'email': 'a@x', 'orders': [{'id': 'o1', 'total': 5, '__typename': 'Order'}]}}",
                        "{'me': {'name': 'Ada', 'email': 'a@x', 'orders': [{'total': 5, 'id': 'o1'}]}}"),
                arguments("one field asked twice is answered once",
                        "{ me { name } me { name email } }",
                        Map.of(),
                        "{'me': {'name': 'Ada', 'email': 'a@x'}}",
                        "{'me': {'name': 'Ada', 'email': 'a@x'}}"),
                arguments("@skip and @include with variables, fields asked",
                        "query($full: Boolean!, $brief: Boolean!) { me { id name @include(if: $full) email @skip(if: $brief) } }",
                        Map.of("full", true, "brief", false),
                        "{'me': {'id': 'u1', 'name': 'Ada', 'email': 'a@x'}}",
                        "{'me': {'id': 'u1', 'name': 'Ada', 'email': 'a@x'}}"),
                arguments("@skip and @include with variables, fields left out",
                        "query($full: Boolean!, $brief: Boolean!) { me { id name @include(if: $full) email @skip(if: $brief) } }",
                        Map.of("full", false, "brief", true),
                        "{'me': {'id': 'u1', 'name': 'Ada', 'email': 'a@x'}}",
                        "{'me': {'id': 'u1'}}"),
                arguments("a nullable field the results lack is null",
                        "{ product(id: \"p1\") { name description } }",
                        Map.of(),
                        "{'product': {'name': 'Lamp'}}",
                        "{'product': {'name': 'Lamp', 'description': null}}"),
                arguments("a nullable object that is null",
                        "{ me { id } }",
                        Map.of(),
                        "{'me': null}",
                        "{'me': null}"),
                arguments("lists of entities merged from several fetches",
                        "{ me { orders { items { quantity product { name } } payment { status } } } }",
                        Map.of(),
                        """
                        {'me': {'__typename': 'User', 'id': 'u1', 'orders': [
                          {'__typename': 'Order', 'id': 'o1', 'payment': {'status': 'CAPTURED'},
                           'items': [{'quantity': 2, 'product': {'__typename': 'Product', 'id': 'p1', 'name': 'Lamp'}}]}]}}
                        """,
                        "{'me': {'orders': [{'items': [{'quantity': 2, 'product': {'name': 'Lamp'}}], 'payment': {'status': 'CAPTURED'}}]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void shapesTheResponseTheClientAskedFor(String name, String query, Map<String, Object> variables, String merged, String expected) {
        ResponseShaper.Shaped shaped = shape(SCHEMA, query, variables, merged, List.of());

        assertThat(json(shaped.data())).isEqualTo(canonical(expected));
        assertThat(shaped.errors()).isEmpty();
    }

    @Test
    void aNullInANonNullFieldNullsTheNearestNullableParentWithOneError() {
        ResponseShaper.Shaped shaped = shape(SCHEMA, "{ me { id name } }", Map.of(), "{'me': {'id': 'u1', 'name': null}}", List.of());

        assertThat(json(shaped.data())).isEqualTo(canonical("{'me': null}"));
        assertThat(shaped.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(List.of("me", "name"));
            assertThat(error.message()).contains("User.name");
            assertThat(error.code()).isEqualTo("NON_NULL_VIOLATION");
        });
    }

    @Test
    void aNullDeepInNonNullListsPropagatesUpToTheNearestNullableField() {
        ResponseShaper.Shaped shaped = shape(SCHEMA, "{ me { name orders { id items { quantity } } } }", Map.of(), """
                {'me': {'name': 'Ada', 'orders': [
                  {'id': 'o1', 'items': [{'quantity': 1}, {'quantity': null}]},
                  {'id': 'o2', 'items': []}]}}
                """, List.of());

        assertThat(json(shaped.data())).isEqualTo(canonical("{'me': null}"));
        assertThat(shaped.errors()).extracting(ResponseError::path)
                .containsExactly(List.of("me", "orders", 0, "items", 1, "quantity"));
    }

    @Test
    void aNullInANonNullRootFieldNullsData() {
        ResponseShaper.Shaped shaped = shape(SCHEMA, "{ productsByCategory(category: \"lamps\") { total } }", Map.of(),
                "{'productsByCategory': null}", List.of());

        assertThat(shaped.data()).isNull();
        assertThat(shaped.errors()).extracting(ResponseError::path).containsExactly(List.of("productsByCategory"));
    }

    @Test
    void noExtraErrorWhenAnErrorAtThatPathAlreadyExplainsTheNull() {
        ResponseError failure = ResponseError.at(List.of("me", "name"), "SERVICE_UNAVAILABLE", "users is down").withService("users");

        ResponseShaper.Shaped shaped = shape(SCHEMA, "{ me { id name } }", Map.of(), "{'me': {'id': 'u1', 'name': null}}", List.of(failure));

        assertThat(json(shaped.data())).isEqualTo(canonical("{'me': null}"));
        assertThat(shaped.errors()).containsExactly(failure);
    }

    @Test
    void noExtraErrorWhenAnErrorBelowThatPathAlreadyExplainsTheNull() {
        ResponseError failure = ResponseError.at(List.of("me", "orders", 0, "total"), "DOWNSTREAM_SERVICE_ERROR", "order o1 failed");

        ResponseShaper.Shaped shaped = shape(SCHEMA, "{ me { orders { id total } } }", Map.of(),
                "{'me': {'orders': [null, {'id': 'o2', 'total': 3}]}}", List.of(failure));

        assertThat(json(shaped.data())).isEqualTo(canonical("{'me': null}"));
        assertThat(shaped.errors()).containsExactly(failure);
    }

    @Test
    void aFailedNullableEntityFieldIsNullAndKeepsItsOwnErrors() {
        List<ResponseError> failures = List.of(
                ResponseError.at(List.of("me", "orders", 0, "payment"), "SERVICE_UNAVAILABLE", "payments is down"),
                ResponseError.at(List.of("me", "orders", 1, "payment"), "SERVICE_UNAVAILABLE", "payments is down"));

        ResponseShaper.Shaped shaped = shape(SCHEMA, "{ me { orders { id payment { amount } } } }", Map.of(),
                "{'me': {'orders': [{'id': 'o1'}, {'id': 'o2', 'payment': null}]}}", failures);

        assertThat(json(shaped.data())).isEqualTo(canonical("{'me': {'orders': [{'id': 'o1', 'payment': null}, {'id': 'o2', 'payment': null}]}}"));
        assertThat(shaped.errors()).isEqualTo(failures);
    }

    @Test
    void aNullItemInANullableListOfNonNullItemsNullsTheList() {
        GraphQLSchema schema = new SupergraphComposer().compose(List.of(new SchemaFile("schema/tags.graphqls", """
                type Query {
                  tags: [String!]
                  other: String
                }
                """))).schema();

        ResponseShaper.Shaped shaped = shape(schema, "{ tags other }", Map.of(), "{'tags': ['a', null, 'c'], 'other': 'kept'}", List.of());

        assertThat(json(shaped.data())).isEqualTo(canonical("{'tags': null, 'other': 'kept'}"));
        assertThat(shaped.errors()).extracting(ResponseError::path).containsExactly(List.of("tags", 1));
    }

    @Test
    void aMutationIsShapedAgainstTheMutationType() {
        ResponseShaper.Shaped shaped = shape(SCHEMA, "mutation { placeOrder(input: {items: []}) { id status } }", Map.of(),
                "{'placeOrder': {'id': 'o9', 'status': 'PENDING', '__typename': 'Order'}}", List.of());

        assertThat(json(shaped.data())).isEqualTo(canonical("{'placeOrder': {'id': 'o9', 'status': 'PENDING'}}"));
    }

    @SuppressWarnings("unchecked")
    private ResponseShaper.Shaped shape(GraphQLSchema schema, String query, Map<String, Object> variables, String merged,
                                        List<ResponseError> errors) {
        Operation operation = Operation.select(Parser.parse(query), null);
        return shaper.shape(schema, OperationContext.of(operation, RawVariables.of(variables)), new ExecutionResult((JsonObject) Json.tree(merged.replace('\'', '"').getBytes(StandardCharsets.UTF_8)), errors));
    }

    /** The response as the client reads it, key order included. */
    private static String json(Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    private static String canonical(String singleQuoted) {
        return json(read(singleQuoted));
    }

    private static Object read(String singleQuoted) {
        return Json.read(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }
}
