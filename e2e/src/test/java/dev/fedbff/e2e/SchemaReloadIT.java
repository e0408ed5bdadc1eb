package dev.fedbff.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hot reload: a web-bff serving a copy of {@code schema/} picks up an edit while clients keep calling it. A valid
 * change is served within seconds and no request fails; a broken one leaves the graph serving as it was, with the
 * error (file, line, rule) in health, in {@code fedbff.schema.reloads{outcome=failed}} and in the {@code schema}
 * endpoint's answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaReloadIT {

    static final LocalSystem SYSTEM = LocalSystem.shared();
    static final String NEW_FIELD = "{ product(id: \"7\") { id price priceInCents } }";
    static Path schema;
    static JavaProcess bff;

    @BeforeAll
    static void startBffOnACopyOfTheSchemaFolder() throws IOException {
        schema = Files.createTempDirectory("fedbff-reload-schema");
        try (Stream<Path> files = Files.list(JavaProcess.ROOT.resolve("schema"))) {
            for (Path file : files.toList()) {
                Files.copy(file, schema.resolve(file.getFileName()));
            }
        }
        List<String> arguments = new ArrayList<>(SYSTEM.bffArguments(schema.toString()));
        arguments.add("--fedbff.schema.reload.debounce=200ms");
        arguments.add("--fedbff.rate-limit.policies.graphql-query.bands[0].capacity=100000");   // the load is one caller
        arguments.add("--fedbff.rate-limit.policies.graphql-query.bands[0].period=1m");
        bff = JavaProcess.start("web-bff-reload", "web-bff", JavaProcess.freePort(), arguments).awaitHealthy();
    }

    @AfterAll
    static void stop() throws IOException {
        if (bff != null) {
            bff.close();
        }
        try (Stream<Path> files = Files.list(schema)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(schema);
    }

    @Test
    @Order(1)
    void aValidChangeIsServedWithinSecondsWhileNoRequestFails() throws IOException {
        assertThat(post(NEW_FIELD).body()).as("before the change").contains("GRAPHQL_VALIDATION_FAILED");
        AtomicInteger answered = new AtomicInteger();
        CompletableFuture<List<BoundedLoad.Timed>> load = CompletableFuture.supplyAsync(() -> BoundedLoad.run(1500, 4, Duration.ofMinutes(3),
                () -> post(ProfileQueryIT.PROFILE), answered::set));
        await(Duration.ofSeconds(60), answered::get, count -> count >= 20 || load.isDone());
        assertThat(load).as("the load is still running when the file changes").isNotDone();

        Path products = schema.resolve("products.graphqls");
        Files.writeString(products, Files.readString(products)
                .replace("price: priceCents", "price: priceCents priceInCents: priceCents")
                .replace("  price: Int!\n", "  price: Int!\n  priceInCents: Int\n"));
        long changed = System.nanoTime();
        GraphQLClient.Response served = await(Duration.ofSeconds(20), () -> post(NEW_FIELD), r -> !r.body().contains("errors"));
        long servedAt = System.nanoTime();

        assertThat(served.status()).isEqualTo(200);
        Map<?, ?> product = (Map<?, ?>) ((Map<?, ?>) served.json().get("data")).get("product");
        assertThat(product.get("priceInCents")).isEqualTo(product.get("price")).isNotNull();
        assertThat(Duration.ofNanos(servedAt - changed)).as("from the edit to the new field served").isLessThan(Duration.ofSeconds(10));
        GraphQLClient.Response ownFields = post("{ me { spendingByMonth { month } } }");
        assertThat(ownFields.body()).as("web-bff's own fields are composed in again").doesNotContain("errors").contains("spendingByMonth");

        List<BoundedLoad.Timed> answers = load.join();
        assertThat(answers).as("requests sent after the new graph was served")
                .anyMatch(timed -> timed.sentNanos() > servedAt);
        assertThat(answers).allSatisfy(timed -> {
            assertThat(timed.response().status()).isEqualTo(200);
            assertThat(timed.response().body()).doesNotContain("\"errors\"").contains("\"orders\"");
        });
        assertThat(health()).containsEntry("failures", 0);
        assertThat((Integer) health().get("reloads")).isGreaterThanOrEqualTo(1);
        assertThat(post("{ me { spendingByMonth { month } } }").body()).as("web-bff's own field after the reload")
                .doesNotContain("errors").contains("spendingByMonth");
        assertThat(post("{ payment(id: \"1\") { orderId } }").body()).as("web-bff's contract after the reload")
                .contains("GRAPHQL_VALIDATION_FAILED").contains("'orderId'");
    }

    @Test
    @Order(2)
    void aBrokenChangeLeavesTheOldGraphServingWithTheErrorInHealthAndTheMetric() throws IOException {
        Path orders = schema.resolve("orders.graphqls");
        String good = Files.readString(orders);
        String broken = good.replace("type Order @key(fields: \"id\")", "type Order @key(fields: \"orderNumber\")");
        assertThat(broken).isNotEqualTo(good);
        int line = 1 + (int) broken.lines().takeWhile(l -> !l.contains("orderNumber")).count();
        Files.writeString(orders, broken);

        Map<String, Object> reload = await(Duration.ofSeconds(20), SchemaReloadIT::health, h -> ((Integer) h.get("failures")) >= 1);
        String error = orders + ":" + line + ":";
        assertThat(reload.get("errors").toString()).contains(error).contains("KEY_INVALID_FIELDS");
        assertThat(failedReloads()).isGreaterThanOrEqualTo(1.0);

        GraphQLClient.Response stillServed = post(NEW_FIELD);
        assertThat(stillServed.body()).doesNotContain("errors").contains("priceInCents");
        assertThat(post(ProfileQueryIT.PROFILE).body()).doesNotContain("errors").contains("\"payment\"");

        GraphQLClient.Response requested = GraphQLClient.send(HttpRequest.newBuilder(actuator("schema"))
                .header("Authorization", "Bearer " + SYSTEM.token("ops", "schema")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(requested.status()).isEqualTo(422);
        assertThat(requested.json()).containsEntry("outcome", "failed");
        assertThat(requested.body()).contains(error).contains("KEY_INVALID_FIELDS");
        assertThat(bff.output().lines().filter(l -> l.contains("Schema reload failed")).count())
                .as("the same error is logged once").isEqualTo(1);

        Files.writeString(orders, good);
        await(Duration.ofSeconds(20), SchemaReloadIT::health, h -> !h.containsKey("errors"));
        GraphQLClient.Response again = GraphQLClient.send(HttpRequest.newBuilder(actuator("schema"))
                .header("Authorization", "Bearer " + SYSTEM.token("ops", "schema")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).containsEntry("outcome", "unchanged");
    }

    @Test
    @Order(3)
    void healthShowsTheReloadSectionOnlyToCallersWithAToken() {
        GraphQLClient.Response anonymous = GraphQLClient.get(actuator("health"), null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"UP\"").doesNotContain("reload");
        assertThat(GraphQLClient.get(actuator("schema"), null).status()).isEqualTo(401);
        assertThat(GraphQLClient.send(HttpRequest.newBuilder(actuator("schema")).header("Authorization", "Bearer " + SYSTEM.token("ops"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).status()).as("a token without the schema scope reloads nothing").isEqualTo(403);
    }

    private static GraphQLClient.Response post(String query) {
        return GraphQLClient.post(URI.create("http://127.0.0.1:" + bff.port() + "/graphql"), SYSTEM.token("42"), GraphQLClient.query(query));
    }

    private static URI actuator(String path) {
        return URI.create("http://127.0.0.1:" + bff.port() + "/actuator/" + path);
    }

    /** The {@code reload} section of the {@code schema} health component. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> health() {
        GraphQLClient.Response health = GraphQLClient.get(actuator("health"), SYSTEM.token("ops"));
        Map<String, Object> components = (Map<String, Object>) health.json().get("components");
        Map<String, Object> schemaHealth = (Map<String, Object>) components.get("schema");
        return (Map<String, Object>) ((Map<String, Object>) schemaHealth.get("details")).get("reload");
    }

    /** {@code fedbff.schema.reloads{outcome=failed}} as Prometheus reads it. */
    private static double failedReloads() {
        return Scrape.of(bff.port(), SYSTEM.token("prometheus", "metrics")).sum("fedbff_schema_reloads_total", Map.of("outcome", "failed"));
    }

    private static <T> T await(Duration limit, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            assertThat(System.nanoTime()).as("waited " + limit + "; last: " + last).isLessThan(deadline);
            JavaProcess.sleep(100);
            last = probe.get();
        }
        return last;
    }
}
