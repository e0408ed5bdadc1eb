package dev.fedbff.gateway.persisted;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperationManifestTest {

    static final String PROFILE = "query Profile { me { id name } }";

    static String manifest(String operations) {
        return "{\"format\": \"apollo-persisted-query-manifest\", \"version\": 1, \"operations\": [" + operations + "]}";
    }

    static String entry(String id, String name, String type, String body) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"type\": \"" + type + "\", \"body\": \"" + body + "\"}";
    }

    @Test
    void anOperationIsFoundByIdAndByItsTextInAnyFormatting() {
        OperationManifest manifest = OperationManifest.parse(manifest(entry("p1", "Profile", "query", PROFILE)), "m.json");

        assertThat(manifest.operations()).extracting(OperationManifest.Operation::name).containsExactly("Profile");
        assertThat(manifest.body("p1")).contains(PROFILE);
        assertThat(manifest.body("p2")).isEmpty();
        assertThat(manifest.containsExactly(PROFILE)).isTrue();
        assertThat(manifest.contains(OperationBody.parse("# the profile\nquery Profile {\n  me { id, name }\n}").orElseThrow())).isTrue();
        assertThat(manifest.contains(OperationBody.parse("query Profile { me { id } }").orElseThrow())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                 | {"format":                                                                                      | m.json: not JSON
            another format           | {"format": "relay", "version": 1, "operations": []}                                              | m.json: "format" must be "apollo-persisted-query-manifest", was "relay"
            another version          | {"format": "apollo-persisted-query-manifest", "version": 2, "operations": []}                   | m.json: "version" must be 1, was 2
            no operations            | {"format": "apollo-persisted-query-manifest", "version": 1}                                      | m.json: "operations" must be a list
            an entry without a body  | {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id": "a", "type": "query"}]} | m.json: operations[0]: "body" must be a non-empty string, was null
            a body that is not GraphQL | {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id": "a", "type": "query", "body": "query {"}]} | m.json: operations[0] (a): "body" is not a GraphQL document
            an unknown type          | {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id": "a", "type": "fragment", "body": "{ a }"}]} | m.json: operations[0]: "type" must be query, mutation or subscription, was "fragment"
            one id for two bodies    | {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id": "a", "type": "query", "body": "{ a }"}, {"id": "a", "type": "query", "body": "{ b }"}]} | m.json: operations[1]: id a is used twice for different bodies
            """)
    void aBrokenManifestIsRefusedWithWhereAndWhat(String problem, String json, String message) {
        assertThatThrownBy(() -> OperationManifest.parse(json, "m.json")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
