package dev.fedbff.gateway.compose;

import dev.fedbff.gateway.core.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The {@code selection} of an {@code @connect} maps a backend's JSON onto the GraphQL fields: each row is what
 * a user writes in a schema, what the backend answers, and what the gateway then holds for that field.
 */
class ConnectorSelectionTest {

    static Stream<Arguments> mappings() {
        return Stream.of(
                row("plain fields are copied, others dropped", "id name",
                        "{'id': 'p1', 'name': 'Lamp', 'secret': 'x'}",
                        "{'id': 'p1', 'name': 'Lamp'}"),
                row("rename", "id price: priceCents",
                        "{'id': 'p1', 'priceCents': 1299}",
                        "{'id': 'p1', 'price': 1299}"),
                row("nested path", "name city: address.city",
                        "{'name': 'Ada', 'address': {'city': 'London', 'zip': 'N1'}}",
                        "{'name': 'Ada', 'city': 'London'}"),
                row("descend into an object", "owner { id }",
                        "{'owner': {'id': 'u1', 'email': 'a@b'}}",
                        "{'owner': {'id': 'u1'}}"),
                row("descend into a list element by element", "items { id }",
                        "{'items': [{'id': 'a', 'x': 1}, {'id': 'b', 'x': 2}]}",
                        "{'items': [{'id': 'a'}, {'id': 'b'}]}"),
                row("rename and descend", "lines: items { id qty: quantity }",
                        "{'items': [{'id': 'a', 'quantity': 2}]}",
                        "{'lines': [{'id': 'a', 'qty': 2}]}"),
                row("new nested object from the current fields", "id: orderId payment: { id status amount: amountCents }",
                        "{'orderId': 'o1', 'id': 'pay1', 'status': 'PAID', 'amountCents': 500}",
                        "{'id': 'o1', 'payment': {'id': 'pay1', 'status': 'PAID', 'amount': 500}}"),
                row("unwrap an object found at a path", "$.data { id name }",
                        "{'data': {'id': 'p1', 'name': 'Lamp', 'x': 0}, 'meta': {}}",
                        "{'id': 'p1', 'name': 'Lamp'}"),
                row("unwrap a list found at a path", "$.results { id }",
                        "{'results': [{'id': 1, 'x': 0}, {'id': 2}], 'count': 2}",
                        "[{'id': 1}, {'id': 2}]"),
                row("unwrap next to a plain field", "total $.page { number }",
                        "{'total': 9, 'page': {'number': 3}}",
                        "{'total': 9, 'number': 3}"),
                row("missing fields become null", "id name city: address.city items { id }",
                        "{'id': 'p1'}",
                        "{'id': 'p1', 'name': null, 'city': null, 'items': null}"),
                row("a path through a scalar is null", "city: address.city",
                        "{'address': 'London'}",
                        "{'city': null}"),
                row("a list at top level is mapped element-wise", "id price: priceCents",
                        "[{'id': 'p1', 'priceCents': 1}, {'id': 'p2', 'priceCents': 2}]",
                        "[{'id': 'p1', 'price': 1}, {'id': 'p2', 'price': 2}]"),
                row("comments and commas are whitespace", "id, # the key\n  name,, # shown to users\n price: priceCents,",
                        "{'id': 'p1', 'name': 'Lamp', 'priceCents': 3}",
                        "{'id': 'p1', 'name': 'Lamp', 'price': 3}"),
                row("a quoted JSON name that is no GraphQL name", "sku: \"item-sku\"",
                        "{'item-sku': 'A-1'}",
                        "{'sku': 'A-1'}"),
                row("a scalar answer maps to null", "id",
                        "42",
                        "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappings")
    void mapsBackendJsonOntoTheGraphQLShape(String name, String selection, String input, String expected) {
        Object mapped = ConnectorSelection.parse(selection).apply(json(input));

        assertThat(mapped).isEqualTo(json(expected));
    }

    static Stream<Arguments> invalidSelections() {
        return Stream.of(
                arguments("", "empty selection"),
                arguments("  # only a comment\n", "empty selection"),
                arguments("items { }", "empty selection"),
                arguments("items { id", "missing '}'"),
                arguments("id }", "unexpected '}'"),
                arguments("id @deprecated", "expected a field name, found '@'"),
                arguments("city: address.", "a field name is missing at the end"),
                arguments("$.", "a field name is missing at the end"),
                arguments("id price:", "a value is missing after \"price:\""),
                arguments("sku: \"item-sku", "unterminated string"));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @MethodSource("invalidSelections")
    void rejectsAnInvalidSelectionNamingTheProblem(String selection, String problem) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConnectorSelection.parse(selection))
                .withMessageContaining(problem)
                .withMessageContaining("of selection \"" + selection.strip() + "\"");
    }

    private static Arguments row(String name, String selection, String input, String expected) {
        return arguments(name, selection, input, expected);
    }

    /** JSON written with single quotes, so the table reads without escapes. */
    private static Object json(String text) {
        return Json.tree(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }
}
