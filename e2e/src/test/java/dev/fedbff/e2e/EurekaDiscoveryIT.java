package dev.fedbff.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery through a real Eureka server: the {@code registry} module's jar as its own process, two instances of
 * each backend registered with it, and a web-bff process with {@code eureka.client.enabled=true} that finds them
 * there. Traffic spreads as each service's strategy says (products round-robin, payments weighted 3:1 by Eureka
 * metadata, users least-outstanding); when an instance dies mid-run, it is ejected and every request is still answered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EurekaDiscoveryIT {

    static final String PRODUCT = "{ product(id: \"1\") { id name price } }";
    static final String PAYMENT = "{ payment(id: \"1\") { id status } }";
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
        registry.register("payments", "payments-a", A.port(), Map.of("weight", "3"));
        registry.register("payments", "payments-b", B.port(), Map.of("weight", "1"));
        String secret = LocalSystem.newSecret();
        token = dev.fedbff.testsupport.TokenIssuer.hs256(secret).token("42");
        bff = JavaProcess.start("web-bff-eureka", "web-bff", JavaProcess.freePort(), List.of(
                "--fedbff.schema.location=" + LocalSystem.schemaFolder(),
                "--fedbff.auth.hs256-secret=" + secret,
                "--eureka.client.enabled=true",
                "--eureka.client.service-url.defaultZone=" + registry.serviceUrl(),
                "--eureka.client.register-with-eureka=false",
                "--eureka.client.registry-fetch-interval-seconds=1",
                "--fedbff.load-balancing.eject-after-failures=3",
                "--fedbff.load-balancing.ejection-time=60s",
                "--fedbff.load-balancing.services.payments.strategy=weighted",
                "--fedbff.load-balancing.services.users.strategy=least-outstanding")).awaitHealthy();
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

    @BeforeEach
    void resetCalls() {
        A.resetCalls();
        B.resetCalls();
    }

    @Test
    @Order(1)
    void roundRobinSendsEachInstanceEveryOtherCall() {
        for (int i = 0; i < 20; i++) {
            assertAnswered(query(PRODUCT), "product");
        }

        assertThat(List.of(A.calls("products"), B.calls("products"))).containsExactly(10, 10);
    }

    @Test
    @Order(2)
    void weightedFollowsTheWeightsInTheRegistrysMetadata() {
        for (int i = 0; i < 20; i++) {
            assertAnswered(query(PAYMENT), "payment");
        }

        assertThat(List.of(A.calls("payments"), B.calls("payments"))).containsExactly(15, 5);
    }

    @Test
    @Order(3)
    void leastOutstandingKeepsCallsAwayFromTheInstanceThatIsSlow() throws Exception {
        A.slowDown("users", Duration.ofMillis(1500));
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<GraphQLClient.Response>> responses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                responses.add(clients.submit(() -> query(USER)));
            }
            for (Future<GraphQLClient.Response> response : responses) {
                assertAnswered(response.get(), "user");
            }
        } finally {
            clients.shutdownNow();
            A.slowDown("users", Duration.ZERO);
        }

        assertThat(A.calls("users") + B.calls("users")).isEqualTo(40);
        assertThat(A.calls("users")).as("round-robin would have sent the slow instance 20").isLessThanOrEqualTo(10);
    }

    @Test
    @Order(4)
    void whenAnInstanceDiesMidRunItIsEjectedAndNoRequestFails() {
        for (int i = 0; i < 10; i++) {
            assertAnswered(query(PRODUCT), "product");
        }
        assertThat(A.calls("products")).isEqualTo(5);

        A.kill();
        for (int i = 0; i < 40; i++) {
            assertAnswered(query(PRODUCT), "product");
        }

        assertThat(B.calls("products")).as("every request after the death was answered by the other instance").isEqualTo(5 + 40);
        assertThat(bff.output()).containsOnlyOnce("instance http://127.0.0.1:" + A.port() + " of service products ejected");
    }

    /** Until the BFF's Eureka client has fetched the registrations, calls find no instance or only one. */
    private static void awaitBothInstancesFound() {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        for (String service : List.of("products", "payments", "users")) {
            String query = switch (service) {
                case "products" -> PRODUCT;
                case "payments" -> PAYMENT;
                default -> USER;
            };
            while (A.calls(service) == 0 || B.calls(service) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the BFF did not find both instances of " + service + " in Eureka:\n" + bff.tail());
                }
                query(query);
                JavaProcess.sleep(100);
            }
        }
    }

    private static GraphQLClient.Response query(String query) {
        return GraphQLClient.post(URI.create("http://127.0.0.1:" + bff.port() + "/graphql"), token, GraphQLClient.query(query));
    }

    @SuppressWarnings("unchecked")
    private static void assertAnswered(GraphQLClient.Response response, String field) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).as(response.body()).doesNotContainKey("errors");
        assertThat((Map<String, Object>) response.json().get("data")).as(response.body()).extractingByKey(field).isNotNull();
    }
}
