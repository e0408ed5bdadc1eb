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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of products, each its own process, behind a web-bff that knows both addresses
 * ({@code fedbff.services.products=http://a,http://b}) and otherwise runs with web-bff's own resilience (retries
 * included). One replica is killed (SIGKILL) in the middle of a bounded load run: the BFF ejects it, and from then
 * on no client request fails; before that, a request may at worst lose its products, at the right paths.
 */
@ExtendWith(FaultReport.class)
@Timeout(120)
class ReplicaFailoverIT {

    static final int EJECT_AFTER_FAILURES = 2;
    static final LocalSystem SYSTEM = LocalSystem.shared();
    static JavaProcess replicaA;
    static JavaProcess replicaB;
    static JavaProcess bff;
    static String token;

    @BeforeAll
    static void start() {
        replicaA = JavaProcess.start("products-a", "subgraphs/products", JavaProcess.freePort(), List.of());
        replicaB = JavaProcess.start("products-b", "subgraphs/products", JavaProcess.freePort(), List.of());
        replicaA.awaitHealthy();
        replicaB.awaitHealthy();
        bff = SYSTEM.startWebBff("web-bff-replicas", Map.of(
                "users", local(SYSTEM.backendPort("users")),
                "orders", local(SYSTEM.backendPort("orders")),
                "payments", local(SYSTEM.backendPort("payments")),
                "products", local(replicaA.port()) + "," + local(replicaB.port())), List.of(
                "--fedbff.load-balancing.eject-after-failures=" + EJECT_AFTER_FAILURES,
                "--fedbff.load-balancing.ejection-time=5m",
                "--fedbff.rate-limit.policies.graphql-query.bands[0].capacity=1000000",
                "--fedbff.rate-limit.policies.graphql-query.bands[0].period=1m"));
        token = SYSTEM.token(ProfileOutcomes.USER);
        for (int i = 0; i < 20; i++) {
            ProfileOutcomes.assertWhole(profile());
        }
    }

    @AfterAll
    static void stop() {
        for (JavaProcess process : new JavaProcess[] {bff, replicaA, replicaB}) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    void whenOneOfTwoProductsReplicasIsKilledMidRunItIsEjectedAndNoLaterRequestFails() {
        String ejected = "instance " + local(replicaA.port()) + " of service products ejected";
        AtomicLong killedAt = new AtomicLong();
        AtomicLong ejectedAt = new AtomicLong();
        Thread watcher = new Thread(() -> {
            while (ejectedAt.get() == 0 && !Thread.currentThread().isInterrupted()) {
                if (bff.output().contains(ejected)) {
                    ejectedAt.set(System.nanoTime());
                }
                JavaProcess.sleep(10);
            }
        }, "ejection-watcher");
        watcher.setDaemon(true);
        watcher.start();

        List<BoundedLoad.Timed> results;
        try {
            results = BoundedLoad.run(200, 4, Duration.ofSeconds(60), ReplicaFailoverIT::profile, answered -> {
                if (answered == 50) {
                    kill(replicaA);
                    killedAt.set(System.nanoTime());
                }
            });
            waitForEjectionLog(ejectedAt);
        } finally {
            watcher.interrupt();
        }

        long failedAfterEjection = 0;
        long sentAfterEjection = 0;
        for (BoundedLoad.Timed result : results) {
            Set<String> failed = ProfileOutcomes.assertRight(result.response(), Map.of("products", Set.of("SERVICE_UNAVAILABLE")));
            if (result.answeredNanos() < killedAt.get()) {
                assertThat(failed).as("before the kill every answer is whole").isEmpty();
            }
            if (result.sentNanos() > ejectedAt.get()) {
                sentAfterEjection++;
                failedAfterEjection += failed.isEmpty() ? 0 : 1;
            }
        }
        assertThat(ejectedAt.get()).as("the ejection came after the kill").isGreaterThan(killedAt.get());
        assertThat(sentAfterEjection).as("most of the run came after the ejection").isGreaterThanOrEqualTo(100);
        assertThat(failedAfterEjection).as("requests sent after the ejection that lost their products").isZero();
        assertThat(bff.output()).containsOnlyOnce(ejected);
        ProfileOutcomes.assertWhole(profile());
    }

    private static void waitForEjectionLog(AtomicLong ejectedAt) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ejectedAt.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the killed replica was never ejected:\n" + bff.tail());
            }
            JavaProcess.sleep(20);
        }
    }

    /** A kill, not a shutdown: no graceful end of the calls in flight, the port simply gone. */
    private static void kill(JavaProcess replica) {
        try {
            replica.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FaultReport.processKilled();
    }

    private static GraphQLClient.Response profile() {
        return GraphQLClient.post(URI.create("http://127.0.0.1:" + bff.port() + "/graphql"), token, GraphQLClient.query(ProfileQueryIT.PROFILE));
    }

    private static String local(int port) {
        return "http://127.0.0.1:" + port;
    }
}
