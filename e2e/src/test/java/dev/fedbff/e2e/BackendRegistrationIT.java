package dev.fedbff.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code docker-compose.yml} runs, without Docker: two replicas of products started with their {@code eureka}
 * profile register themselves with the registry, and a web-bff with {@code eureka.client.enabled=true} finds them
 * there and answers from them.
 */
class BackendRegistrationIT {

    static EurekaRegistry registry;
    static final List<JavaProcess> replicas = new ArrayList<>();
    static JavaProcess bff;
    static String token;

    @BeforeAll
    static void start() {
        registry = EurekaRegistry.start().awaitHealthy();
        for (String name : List.of("products-1", "products-2")) {
            replicas.add(JavaProcess.start(name, "subgraphs/products", JavaProcess.freePort(), List.of(
                    "--spring.profiles.active=eureka",
                    "--EUREKA_URI=" + registry.serviceUrl(),
                    "--eureka.instance.ip-address=127.0.0.1")));   // the loopback address, not the machine's own
        }
        replicas.forEach(JavaProcess::awaitHealthy);
        String secret = LocalSystem.newSecret();
        token = dev.fedbff.testsupport.TokenIssuer.hs256(secret).token("42");
        bff = JavaProcess.start("web-bff-registered-backends", "web-bff", JavaProcess.freePort(), List.of(
                "--fedbff.schema.location=" + LocalSystem.schemaFolder(),
                "--fedbff.auth.hs256-secret=" + secret,
                "--fedbff.services.products=http://127.0.0.1:" + JavaProcess.freePort(),   // nothing listens: only the registry can help
                "--eureka.client.enabled=true",
                "--eureka.client.service-url.defaultZone=" + registry.serviceUrl(),
                "--eureka.client.register-with-eureka=false",
                "--eureka.client.registry-fetch-interval-seconds=1")).awaitHealthy();
    }

    @AfterAll
    static void stop() {
        if (bff != null) {
            bff.close();
        }
        replicas.forEach(JavaProcess::close);
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void bothReplicasRegisterThemselvesAndTheBffAnswersFromThem() {
        String registered = await(Duration.ofSeconds(90), () -> GraphQLClient.send(HttpRequest.newBuilder(URI.create(registry.serviceUrl() + "apps/PRODUCTS"))
                .header("Accept", "application/json").GET().build()).body(), body -> replicas.stream().allMatch(r -> body.contains("\"$\":" + r.port())));
        assertThat(registered).contains("\"status\":\"UP\"", "\"ipAddr\":\"127.0.0.1\"");

        URI graphql = URI.create("http://127.0.0.1:" + bff.port() + "/graphql");
        await(Duration.ofSeconds(60), () -> GraphQLClient.post(graphql, token, GraphQLClient.query("{ product(id: \"7\") { id } }")).body(),
                body -> body.contains("\"id\":\"7\""));
        for (int i = 0; i < 10; i++) {
            GraphQLClient.Response response = GraphQLClient.post(graphql, token, GraphQLClient.query("{ product(id: \"" + (i + 1) + "\") { id name price } }"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json()).doesNotContainKey("errors");
            assertThat(response.json().get("data")).isInstanceOf(Map.class);
        }
    }

    private static <T> T await(Duration limit, java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            assertThat(System.nanoTime()).as("waited " + limit + "; last: " + last).isLessThan(deadline);
            JavaProcess.sleep(200);
            last = probe.get();
        }
        return last;
    }
}
