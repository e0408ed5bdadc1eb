package dev.fedbff.gateway.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A subgraph's answer read straight into {@link JsonObject}s holds what the plain map read holds (same values, same
 * number types, same member order) and is written back as the same bytes; malformed input fails as it did.
 */
class JsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"data\":{\"a\":1,\"b\":-2147483649,\"c\":123456789012345678901234567890,\"d\":1.5,\"e\":1e400,\"f\":-0.0,\"g\":2E-3}}",
            "{\"n\":null,\"t\":true,\"f\":false,\"s\":\"\",\"list\":[null,[1,[2,[]]],{}]}",
            "{\"esc\":\"quote \\\" slash \\\\ \\/ tab \\t nl \\n unicode \\u00e9 \\ud83d\\ude00\",\"\\u0041\":\"key escaped\"}",
            "{\"z\":1,\"a\":2,\"m\":{\"y\":[{\"k\":\"v\"}],\"b\":null}}",
            "[1,\"two\",3.0,{\"four\":4}]",
            "\"just a string\"",
            "42",
            "null",
    })
    void readsWhatThePlainReadReadsAndWritesTheSameBytes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Object tree = Json.tree(bytes);
        Object plain = Json.read(bytes);
        assertThat(JsonObject.toJava(tree)).isEqualTo(plain);
        assertThat(classes(JsonObject.toJava(tree))).isEqualTo(classes(plain));
        assertThat(Json.write(tree)).isEqualTo(Json.write(plain));
    }

    @Test
    void numbersKeepThePlainReadsTypes() {
        JsonObject object = (JsonObject) Json.tree("{\"i\":1,\"l\":4294967296,\"big\":123456789012345678901234567890,\"d\":0.1}".getBytes(StandardCharsets.UTF_8));
        assertThat(object.get("i")).isEqualTo(1);
        assertThat(object.get("l")).isEqualTo(4294967296L);
        assertThat(object.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(object.get("d")).isEqualTo(0.1);
        assertThat(Json.write(object)).asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"i\":1,\"l\":4294967296,\"big\":123456789012345678901234567890,\"d\":0.1}");
    }

    @Test
    void aRepeatedMemberKeepsItsFirstPlaceAndLastValue() {
        byte[] bytes = "{\"a\":1,\"b\":2,\"a\":3}".getBytes(StandardCharsets.UTF_8);
        JsonObject object = (JsonObject) Json.tree(bytes);
        assertThat(object.size()).isEqualTo(2);
        assertThat(object.key(0)).isEqualTo("a");
        assertThat(object.get("a")).isEqualTo(3);
        assertThat(Json.write(object)).isEqualTo(Json.write(Json.read(bytes)));
    }

    @Test
    void deepNestingWithinTheParsersLimitIsRead() {
        int depth = 400;
        String text = "[".repeat(depth) + "1" + "]".repeat(depth);
        Object value = Json.tree(text.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < depth; i++) {
            value = ((List<?>) value).get(0);
        }
        assertThat(value).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":}", "{\"a\":1,}", "[1,2", "{\"a\":1} trailing", "{\"a\":1}{}", "nul", "{'a':1}",
            "{\"a\":\"unterminated}", "[01]", "{\"a\" 1}"})
    void malformedInputFailsAsThePlainReadFails(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.read(bytes)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.tree(bytes)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    }

    @Test
    void nestingBeyondTheParsersLimitFailsAsThePlainReadFails() {
        String text = "[".repeat(5000) + "]".repeat(5000);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.read(bytes)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.tree(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesIntoAStreamTheBytesItWritesToAnArray() {
        JsonObject object = (JsonObject) Json.tree("{\"b\":[1,2.5,null,{\"c\":\"\\u00e9\"}],\"a\":true}".getBytes(StandardCharsets.UTF_8));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Json.write(object, out);
        assertThat(out.toByteArray()).isEqualTo(Json.write(object));
    }

    /** The classes of a value and of everything in it, in order. */
    private static List<String> classes(Object value) {
        List<String> out = new java.util.ArrayList<>();
        collect(value, out);
        return out;
    }

    private static void collect(Object value, List<String> out) {
        out.add(value == null ? "null" : value instanceof java.util.Map ? "Map" : value instanceof List ? "List" : value.getClass().getSimpleName());
        if (value instanceof java.util.Map<?, ?> map) {
            map.values().forEach(item -> collect(item, out));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, out));
        }
    }
}
