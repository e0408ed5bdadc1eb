package dev.fedbff.e2e;

import dev.fedbff.testsupport.RecordingBackend;
import org.assertj.core.api.SoftAssertions;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks one answer of the bad-input corpus against what its case expects, including what each backend received. */
record AnswerCheck(BadInputCase badCase, RawHttp.Response response, Map<String, List<RecordingBackend.Call>> calls) {

    void verify() {
        String shown = response.status() + " " + response.headers() + "\n" + abbreviated(response.text());
        assertThat(response.status()).as("status of %s", shown).isEqualTo(badCase.status());
        assertThat(response.text()).as("no stack trace reaches the client").doesNotContain("\tat ").doesNotContain("Exception:");
        switch (badCase.bodyKind()) {
            case "graphql" -> graphQLError(shown);
            case "problem" -> problem(shown);
            case "data" -> data(shown);
            case "empty" -> assertThat(response.body()).as("an empty body: %s", shown).isEmpty();
            case "any" -> { }
            default -> throw new IllegalArgumentException("unknown body kind " + badCase.bodyKind() + " in " + badCase.name());
        }
        headers();
        backends();
    }

    @SuppressWarnings("unchecked")
    private void graphQLError(String shown) {
        assertThat(response.header("Content-Type")).as(shown).startsWith("application/json");
        Map<String, Object> json = json(shown);
        if (badCase.status() != 200) {
            assertThat(json).as("a request error has no data: %s", shown).doesNotContainKey("data");
        }
        List<Map<String, Object>> errors = (List<Map<String, Object>>) json.get("errors");
        assertThat(errors).as(shown).isNotEmpty();
        assertThat((String) errors.get(0).get("message")).as(shown).isNotBlank();
        if (badCase.code() != null) {
            assertThat((Map<String, Object>) errors.get(0).get("extensions")).as(shown).containsEntry("code", badCase.code());
        }
    }

    private void problem(String shown) {
        assertThat(response.header("Content-Type")).as(shown).startsWith("application/problem+json");
        Map<String, Object> json = json(shown);
        assertThat(json).as(shown).containsEntry("status", badCase.status()).containsKey("title");
        if (badCase.code() != null) {
            assertThat(json).as(shown).containsEntry("code", badCase.code());
        }
        if (badCase.expect().get("title") != null) {
            assertThat(json).as(shown).containsEntry("title", badCase.expect().get("title"));
        }
    }

    private void data(String shown) {
        Map<String, Object> json = json(shown);
        assertThat(json).as("an answer with data and no errors: %s", shown).containsKey("data").doesNotContainKey("errors");
        if (badCase.expect().get("data") != null) {
            assertThat(json.get("data")).as(shown).isEqualTo(badCase.expect().get("data"));
        }
    }

    private void headers() {
        BadInputCase.map(badCase.expect().get("headers")).forEach((name, expected) -> {
            String value = response.header(name);
            String wanted = String.valueOf(expected);
            if (name.equalsIgnoreCase("Allow")) {
                assertThat(value).as("header Allow").isNotNull();
                assertThat(Set.of(value.split("\\s*,\\s*"))).as("header Allow: %s", value).isEqualTo(Set.of(wanted.split("\\s*,\\s*")));
            } else if (wanted.endsWith("*")) {
                assertThat(value).as("header %s", name).startsWith(wanted.substring(0, wanted.length() - 1));
            } else {
                assertThat(value).as("header %s", name).isEqualTo(wanted);
            }
        });
    }

    private void backends() {
        Object expected = badCase.expect().get("backends");
        if ("none".equals(expected)) {
            calls.forEach((backend, received) -> assertThat(received).as("calls %s received", backend).isEmpty());
            return;
        }
        SoftAssertions softly = new SoftAssertions();
        BadInputCase.map(expected).forEach((backend, value) -> {
            Map<String, Object> wanted = BadInputCase.map(value);
            List<RecordingBackend.Call> received = calls.get(backend);
            softly.assertThat(received).as("calls %s received", backend).isNotEmpty();
            for (RecordingBackend.Call call : received) {
                if (wanted.containsKey("userId")) {
                    softly.assertThat(call.header("X-User-Id")).as("X-User-Id %s received on %s", backend, call.target()).isEqualTo(wanted.get("userId"));
                    softly.assertThat(call.headers().get("x-user-id")).as("X-User-Id headers %s received", backend).hasSize(1);
                }
                if (wanted.containsKey("roles")) {
                    softly.assertThat(call.header("X-User-Roles")).as("X-User-Roles %s received on %s", backend, call.target()).isEqualTo(wanted.get("roles"));
                }
                for (Object header : (List<?>) wanted.getOrDefault("absentHeaders", List.of())) {
                    softly.assertThat(call.header(String.valueOf(header))).as("%s must not reach %s", header, backend).isNull();
                }
            }
        });
        softly.assertAll();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(String shown) {
        try {
            return GraphQLClient.JSON.readValue(response.body(), Map.class);
        } catch (RuntimeException e) {
            throw new AssertionError("the body is not a JSON object: " + shown, e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }
}
