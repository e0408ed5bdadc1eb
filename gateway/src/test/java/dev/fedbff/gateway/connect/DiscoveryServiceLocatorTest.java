package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Which instance each call goes to, per strategy, and how failing instances leave and come back. */
class DiscoveryServiceLocatorTest {

    static final URI A = URI.create("http://10.0.0.1:4003");
    static final URI B = URI.create("http://10.0.0.2:4003");
    static final URI C = URI.create("http://10.0.0.3:4003");

    final MutableClock clock = new MutableClock();
    final Registry registry = new Registry();

    @Test
    void roundRobinTakesEachInstanceInTurnWhateverOrderDiscoveryListsThemIn() {
        registry.put("products", instance(B), instance(A), instance(C));
        DiscoveryServiceLocator locator = locator(BalancingStrategy.ROUND_ROBIN);

        List<URI> picks = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            registry.shuffle("products");
            clock.advance(Duration.ofSeconds(2));
            picks.add(locator.locate("products").block());
        }

        assertThat(picks).containsExactly(A, B, C, A, B, C, A, B, C);
    }

    @Test
    void weightedSpreadsByTheWeightMetadataSmoothly() {
        registry.put("payments", weighted(A, 3), weighted(B, 1));
        DiscoveryServiceLocator locator = locator(BalancingStrategy.WEIGHTED);

        List<URI> picks = picks(locator, "payments", 8);

        assertThat(picks).containsExactly(A, A, B, A, A, A, B, A);
        assertThat(counts(picks(locator, "payments", 400))).containsEntry(A, 300L).containsEntry(B, 100L);
    }

    @Test
    void leastOutstandingSendsTheNextCallWhereFewestAreInFlight() {
        registry.put("users", instance(A), instance(B));
        DiscoveryServiceLocator locator = locator(BalancingStrategy.LEAST_OUTSTANDING);

        InstanceLease first = locator.lease("users").block();
        InstanceLease second = locator.lease("users").block();
        assertThat(List.of(first.address(), second.address())).containsExactlyInAnyOrder(A, B);
        InstanceLease third = locator.lease("users").block();
        URI busy = third.address();
        URI idle = busy.equals(A) ? B : A;

        InstanceLease fourth = locator.lease("users").block();
        assertThat(fourth.address()).as("two calls in flight on one, one on the other").isEqualTo(idle);

        third.release(InstanceLease.Outcome.SUCCEEDED);
        (first.address().equals(busy) ? first : second).release(InstanceLease.Outcome.SUCCEEDED);
        assertThat(locator.lease("users").block().address()).as("none in flight on one, two on the other").isEqualTo(busy);
    }

    @ParameterizedTest
    @EnumSource(BalancingStrategy.class)
    void anInstanceThatFailsRepeatedlyIsEjectedThenProbedBackAfterTheEjectionTime(BalancingStrategy strategy) {
        registry.put("products", instance(A), instance(B));
        DiscoveryServiceLocator locator = new DiscoveryServiceLocator(List.of(registry),
                service -> new LoadBalancing(strategy, 3, Duration.ofSeconds(30)), clock);

        failUntilEjected(locator, A, 3);
        assertThat(picks(locator, "products", 10)).as("ejected: no calls for 30 s").containsOnly(B);

        clock.advance(Duration.ofSeconds(31));
        InstanceLease probe = leaseOf(locator, A);
        assertThat(picks(locator, "products", 6)).as("one probe at a time").containsOnly(B);
        probe.release(InstanceLease.Outcome.SUCCEEDED);

        assertThat(picks(locator, "products", 20)).as("back in rotation").contains(A, B);
    }

    @Test
    void aFailedProbeEjectsTheInstanceAgainAtOnce() {
        registry.put("products", instance(A), instance(B));
        DiscoveryServiceLocator locator = locator(BalancingStrategy.ROUND_ROBIN);
        failUntilEjected(locator, A, 5);

        clock.advance(Duration.ofSeconds(31));
        leaseOf(locator, A).release(InstanceLease.Outcome.FAILED);

        assertThat(picks(locator, "products", 10)).containsOnly(B);
    }

    @Test
    void answersResetTheCountAndCancelledCallsSayNothing() {
        registry.put("products", instance(A), instance(B));
        DiscoveryServiceLocator locator = locator(BalancingStrategy.ROUND_ROBIN);

        for (int i = 0; i < 4; i++) {
            leaseOf(locator, A).release(InstanceLease.Outcome.FAILED);
        }
        leaseOf(locator, A).release(InstanceLease.Outcome.SUCCEEDED);
        for (int i = 0; i < 4; i++) {
            leaseOf(locator, A).release(InstanceLease.Outcome.FAILED);
            leaseOf(locator, A).release(InstanceLease.Outcome.ABANDONED);
        }

        assertThat(picks(locator, "products", 4)).containsExactlyInAnyOrder(A, A, B, B);
    }

    @Test
    void whenEveryInstanceIsEjectedCallsStillGoOutRatherThanFailUnseen() {
        registry.put("products", instance(A));
        DiscoveryServiceLocator locator = locator(BalancingStrategy.ROUND_ROBIN);
        failUntilEjected(locator, A, 5);

        assertThat(locator.locate("products").block()).isEqualTo(A);
    }

    @Test
    void theFirstSourceThatKnowsAServiceWinsAndConfiguredAddressesKeepTheirPath() {
        ReactiveDiscoveryClient configured = new StaticDiscoveryClient(Map.of(
                "products", List.of(new ConfiguredInstance("products", URI.create("http://localhost:4003"), 1)),
                "reviews", List.of(new ConfiguredInstance("reviews", URI.create("http://localhost:4005/api/graphql"), 1))));
        registry.put("products", instance(A));
        DiscoveryServiceLocator locator = new DiscoveryServiceLocator(List.of(registry, configured), service -> LoadBalancing.DEFAULT, clock);

        assertThat(locator.locate("products").block()).as("the registry before configuration").isEqualTo(A);
        assertThat(locator.locate("reviews").block()).isEqualTo(URI.create("http://localhost:4005/api/graphql"));
        assertThat(locator.locate("nobody").blockOptional()).isEmpty();
    }

    @Test
    void anInstanceThatLeavesTheRegistryGetsNoMoreCallsOnceTheListIsRefreshed() {
        registry.put("products", instance(A), instance(B));
        DiscoveryServiceLocator locator = locator(BalancingStrategy.ROUND_ROBIN);
        assertThat(picks(locator, "products", 2)).containsExactly(A, B);

        registry.put("products", instance(B));
        clock.advance(DiscoveryServiceLocator.REFRESH);

        assertThat(picks(locator, "products", 3)).containsOnly(B);
    }

    private DiscoveryServiceLocator locator(BalancingStrategy strategy) {
        return new DiscoveryServiceLocator(List.of(registry), service -> new LoadBalancing(strategy, 5, Duration.ofSeconds(30)), clock);
    }

    private static void failUntilEjected(DiscoveryServiceLocator locator, URI address, int failures) {
        for (int i = 0; i < failures; i++) {
            leaseOf(locator, address).release(InstanceLease.Outcome.FAILED);
        }
    }

    /** Leases until the instance at {@code address} comes up, releasing the others unreported. */
    private static InstanceLease leaseOf(DiscoveryServiceLocator locator, URI address) {
        for (int i = 0; i < 20; i++) {
            InstanceLease lease = locator.lease("products").block();
            if (lease.address().equals(address)) {
                return lease;
            }
            lease.release(InstanceLease.Outcome.ABANDONED);
        }
        throw new AssertionError(address + " was never chosen");
    }

    /** Where {@code n} calls in a row go, each completed successfully at once. */
    private static List<URI> picks(DiscoveryServiceLocator locator, String service, int n) {
        List<URI> picks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InstanceLease lease = locator.lease(service).block();
            picks.add(lease.address());
            lease.release(InstanceLease.Outcome.SUCCEEDED);
        }
        return picks;
    }

    private static Map<URI, Long> counts(List<URI> picks) {
        return picks.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static ServiceInstance instance(URI uri) {
        return new DefaultServiceInstance(uri.getHost(), "svc", uri.getHost(), uri.getPort(), false);
    }

    private static ServiceInstance weighted(URI uri, int weight) {
        return new DefaultServiceInstance(uri.getHost(), "svc", uri.getHost(), uri.getPort(), false, Map.of("weight", Integer.toString(weight)));
    }

    /** A registry whose listings a test sets, in the order it likes. */
    static final class Registry implements ReactiveDiscoveryClient {
        private final Map<String, List<ServiceInstance>> instances = new ConcurrentHashMap<>();

        void put(String service, ServiceInstance... listed) {
            instances.put(service, List.of(listed));
        }

        void shuffle(String service) {
            List<ServiceInstance> list = new ArrayList<>(instances.get(service));
            Collections.shuffle(list);
            instances.put(service, list);
        }

        @Override
        public String description() {
            return "test registry";
        }

        @Override
        public Flux<ServiceInstance> getInstances(String serviceId) {
            return Flux.fromIterable(instances.getOrDefault(serviceId, List.of()));
        }

        @Override
        public Flux<String> getServices() {
            return Flux.fromIterable(instances.keySet());
        }
    }
}
