package dev.fedbff.gateway.compose;

import dev.fedbff.gateway.core.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The URL a REST backend receives for a template in {@code @connect(http: { GET: "..." })}. */
class UrlTemplateTest {

    static Stream<Arguments> expansions() {
        return Stream.of(
                arguments("field argument", "/products/{$args.id}",
                        Map.of("id", "p1"), Map.of(), List.of(), "/products/p1"),
                arguments("several arguments, a number among them", "/products?category={$args.category}&page={$args.page}",
                        Map.of("category", "lamps", "page", 2), Map.of(), List.of(), "/products?category=lamps&page=2"),
                arguments("absent argument is empty", "/products?category={$args.category}",
                        Map.of(), Map.of(), List.of(), "/products?category="),
                arguments("the parent entity", "/users/{$this.id}/orders",
                        Map.of(), Map.of("__typename", "User", "id", "u7"), List.of(), "/users/u7/orders"),
                arguments("a nested path of the parent entity", "/cities/{$this.address.city}",
                        Map.of(), Map.of("address", Map.of("city", "Paris")), List.of(), "/cities/Paris"),
                arguments("a batch, nulls dropped", "/products?ids={$batch.id->joinNotNull(',')}",
                        Map.of(), Map.of(), batch("p1", null, "p3"), "/products?ids=p1,p3"),
                arguments("a batch joined with another separator, nulls kept empty", "/orders?ids={$batch.id->join('|')}",
                        Map.of(), Map.of(), batch("o1", null, "o3"), "/orders?ids=o1||o3"),
                arguments("a batch without join uses commas", "/orders?ids={$batch.id}",
                        Map.of(), Map.of(), batch("o1", "o2"), "/orders?ids=o1,o2"),
                arguments("a list argument is joined", "/tags?any={$args.tags->join(';')}",
                        Map.of("tags", List.of("a", "b c")), Map.of(), List.of(), "/tags?any=a;b%20c"),
                arguments("spaces are percent-encoded", "/search?q={$args.q}",
                        Map.of("q", "red lamp"), Map.of(), List.of(), "/search?q=red%20lamp"),
                arguments("unicode is percent-encoded as UTF-8", "/search?q={$args.q}",
                        Map.of("q", "café 日本"), Map.of(), List.of(), "/search?q=caf%C3%A9%20%E6%97%A5%E6%9C%AC"),
                arguments("query syntax in a value cannot inject parameters", "/search?q={$args.q}",
                        Map.of("q", "a&admin=true/../#x?"), Map.of(), List.of(), "/search?q=a%26admin%3Dtrue%2F..%2F%23x%3F"),
                arguments("unreserved characters stay as they are", "/p/{$args.id}",
                        Map.of("id", "A-z_0.9~"), Map.of(), List.of(), "/p/A-z_0.9~"),
                arguments("spaces inside braces are allowed", "/products/{ $args.id }",
                        Map.of("id", "p1"), Map.of(), List.of(), "/products/p1"),
                arguments("a literal-only template", "/health?full=true",
                        Map.of("id", "ignored"), Map.of(), List.of(), "/health?full=true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expansions")
    void expandsToTheUrlTheBackendReceives(String name, String template, Map<String, Object> args, Map<String, Object> self,
                                           List<Map<String, Object>> batch, String expected) {
        List<JsonObject> representations = batch.stream().map(JsonObject::from).toList();
        assertThat(UrlTemplate.parse(template).expand(JsonObject.from(args), JsonObject.from(self), representations)).isEqualTo(expected);
    }

    @Test
    void printsAsWritten() {
        String text = "/products?ids={$batch.id->joinNotNull(',')}";

        assertThat(UrlTemplate.parse(text)).hasToString(text);
    }

    @Test
    void tellsWhichVariablesAndArgumentsItReads() {
        UrlTemplate template = UrlTemplate.parse("/products?category={$args.category}&page={$args.page}");

        assertThat(template.argumentNames()).containsExactly("category", "page");
        assertThat(template.uses(UrlTemplate.Variable.ARGS)).isTrue();
        assertThat(template.uses(UrlTemplate.Variable.BATCH)).isFalse();
        assertThat(UrlTemplate.parse("/p?ids={$batch.id->join(',')}").uses(UrlTemplate.Variable.BATCH)).isTrue();
        assertThat(UrlTemplate.parse("/users/{$this.id}").uses(UrlTemplate.Variable.THIS)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/products/{$arg.id}",
            "/products/{$args}",
            "/products/{$args.}",
            "/products/{id}",
            "/products/{}",
            "/products?ids={$batch.id->split(',')}",
            "/products?ids={$batch.id->join(\",\")}",
            "/products/{$args.id"})
    void rejectsAnUnsupportedExpressionNamingTheTemplate(String template) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UrlTemplate.parse(template))
                .withMessageContaining("URL template \"" + template + "\"")
                .withMessageMatching("(unsupported expression \\{.*\\}|unclosed '\\{') in URL template.*");
    }

    private static List<Map<String, Object>> batch(String... ids) {
        return Arrays.stream(ids).map(id -> {
            Map<String, Object> entity = new HashMap<>();
            entity.put("__typename", "Product");
            entity.put("id", id);
            return entity;
        }).toList();
    }
}
