package dev.fedbff.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service registry goes away under a web-bff that finds its backends in it (a real Eureka server, the
 * {@code registry} module's jar, asked every second). The BFF keeps the instances it last knew and every request
 * is still answered by them; the fallback addresses in {@code fedbff.services} point where nothing listens, so an
 * answer can only have come from an instance the registry listed.
 */
@ExtendWith(FaultReport.class)
@Timeout(120)
class RegistryDownIT {

    static final String PRODUCT = "{ product(id: \"1\") { id name price } }";
    static final String USER = "{ user(id: \"1\") { id name } }";

    static final BackendInstance A = new BackendInstance("a");
    static final BackendInstance B = new BackendInstance("b");
    static EurekaRegistry registry;
    static JavaProcess bff;
    static String token;

    @BeforeAll
    static void start() {
        registry = EurekaRegistry.start().awaitHealthy();
        for (BackendInstance instance : List.of(A, B)) {
            registry.register("products", "products-" + instance.name(), instance.port(), Map.of());
            registry.register("users", "users-" + instance.name(), instance.port(), Map.of());
        }
        String secret = LocalSystem.newSecret();
        token = dev.fedbff.testsupport.TokenIssuer.hs256(secret).token("42");
        String nowhere = "http://127.0.0.1:" + JavaProcess.freePort();
        bff = JavaProcess.start("web-bff-registry-down", "web-bff", JavaProcess.freePort(), List.of(
                "--fedbff.schema.location=" + LocalSystem.schemaFolder(),
                "--fedbff.auth.hs256-secret=" + secret,
                "--fedbff.services.products=" + nowhere,
                "--fedbff.services.users=" + nowhere,
                "--eureka.client.enabled=true",
                "--eureka.client.service-url.defaultZone=" + registry.serviceUrl(),
                "--eureka.client.register-with-eureka=false",
                "--eureka.client.registry-fetch-interval-seconds=1")).awaitHealthy();
        awaitBothInstancesFound();
    }

    @AfterAll
    static void stop() {
        if (bff != null) {
            bff.close();
        }
        if (registry != null) {
            registry.close();
        }
        A.close();
        B.close();
    }

    @Test
    void whenTheRegistryStopsTheBffKeepsCallingTheInstancesItLastKnew() {
        registry.close();
        FaultReport.processKilled();
        A.resetCalls();
        B.resetCalls();

        long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        int rounds = 0;
        while (System.nanoTime() < until) {
            assertAnsweredByAnInstance(query(PRODUCT), "product", "Lamp");
            assertAnsweredByAnInstance(query(USER), "user", "Ada");
            rounds++;
            JavaProcess.sleep(100);
        }

        int answered = rounds;
        assertThat(bff.output()).as("the BFF did try the registry, and failed").contains("was unable to refresh its cache");
        assertThat(List.of(A.calls("products"), B.calls("products"))).as("both last known instances kept serving").allMatch(calls -> calls >= answered / 4);
        assertThat(A.calls("users") + B.calls("users")).isEqualTo(answered);
    }

    private static void awaitBothInstancesFound() {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (A.calls("products") == 0 || B.calls("products") == 0 || A.calls("users") == 0 || B.calls("users") == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the BFF did not find both instances in Eureka:\n" + bff.tail());
            }
            query(PRODUCT);
            query(USER);
            JavaProcess.sleep(100);
        }
    }

    private static GraphQLClient.Response query(String query) {
        return GraphQLClient.post(URI.create("http://127.0.0.1:" + bff.port() + "/graphql"), token, GraphQLClient.query(query));
    }

    @SuppressWarnings("unchecked")
    private static void assertAnsweredByAnInstance(GraphQLClient.Response response, String field, String name) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).as(response.body()).doesNotContainKey("errors");
        assertThat((Map<String, Object>) ((Map<String, Object>) response.json().get("data")).get(field)).as(response.body())
                .containsEntry("name", name);
    }
}
