package dev.fedbff.gateway.config;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /actuator/schema} reloads on demand: a new field is served at once, a broken file answers 422 with its
 * file, line and rule while the old graph keeps serving; {@code fedbff.schema.reload.enabled: false} turns reload off.
 */
class SchemaEndpointIT {

    static final String PRODUCT_FIELDS = "{ __type(name: \"Product\") { fields { name } } }";

    @Test
    void aReloadOnDemandServesTheNewGraphOrAnswersTheErrors(@TempDir Path schema) throws IOException {
        copySchema(schema);
        try (InProcessBff bff = InProcessBff.with().allServicesAt("http://127.0.0.1:9").setting("fedbff.schema.location", schema.toString())
                .setting("management.endpoints.web.exposure.include", "health,schema")
                .setting("fedbff.schema.reload.debounce", "1h").start()) {
            // the watcher would compose each edit on its own 500 ms after it: this test's edits are reloaded on demand only
            Path products = schema.resolve("products.graphqls");
            Files.writeString(products, Files.readString(products).replace("  price: Int!\n", "  price: Int!\n  weight: Int\n"));

            assertThat(reload(bff, InProcessBff.token("ops")).statusCode()).as("a token without the schema scope").isEqualTo(403);
            assertThat(bff.post(PRODUCT_FIELDS, InProcessBff.token("ops")).json().toString()).as("nothing reloaded").doesNotContain("name=weight");

            HttpResponse<byte[]> reloaded = reload(bff);

            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(json(reloaded)).containsEntry("outcome", "reloaded");
            assertThat(bff.post(PRODUCT_FIELDS, InProcessBff.token("ops")).json().toString()).contains("name=weight");

            Path orders = schema.resolve("orders.graphqls");
            String broken = Files.readString(orders).replace("type Order @key(fields: \"id\")", "type Order @key(fields: \"orderNumber\")");
            Files.writeString(orders, broken);
            int line = 1 + (int) broken.lines().takeWhile(l -> !l.contains("orderNumber")).count();

            HttpResponse<byte[]> failed = reload(bff);

            assertThat(failed.statusCode()).isEqualTo(422);
            assertThat(json(failed)).containsEntry("outcome", "failed");
            assertThat(json(failed).get("errors").toString()).contains(orders + ":" + line + ":").contains("KEY_INVALID_FIELDS");
            assertThat(bff.post(PRODUCT_FIELDS, InProcessBff.token("ops")).json().toString()).as("the old graph serves").contains("name=weight");
        }
    }

    @Test
    void reloadCanBeTurnedOff() {
        try (InProcessBff bff = InProcessBff.with().allServicesAt("http://127.0.0.1:9").setting("fedbff.schema.reload.enabled", "false")
                .setting("management.endpoints.web.exposure.include", "health,schema").setting("management.endpoint.health.show-details", "always").start()) {
            assertThat(reload(bff).statusCode()).isEqualTo(404);
            assertThat(bff.context().getBeansOfType(SchemaWatcher.class)).isEmpty();
            HttpResponse<byte[]> health = bff.send(bff.request("/actuator/health").header("Authorization", "Bearer " + InProcessBff.token("ops")).build());
            assertThat(new String(health.body(), StandardCharsets.UTF_8)).contains("\"reload\":{\"enabled\":false}");
        }
    }

    private static HttpResponse<byte[]> reload(InProcessBff bff) {
        return reload(bff, InProcessBff.token("ops", Map.of("scope", "schema")));
    }

    private static HttpResponse<byte[]> reload(InProcessBff bff, String token) {
        return bff.send(bff.request("/actuator/schema").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<byte[]> response) {
        return (Map<String, Object>) Json.read(response.body());
    }

    private static void copySchema(Path target) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "schema"))) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }
}
