package dev.fedbff.gateway.connect;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Finds a service's instances through Spring Cloud discovery clients and balances calls over them. The clients are
 * asked in order and the first that knows the service wins: a registry (Eureka, Consul, Kubernetes) before the
 * addresses in {@code fedbff.services}. Instance lists are re-read at most once per {@link #REFRESH}.
 */
public final class DiscoveryServiceLocator implements ServiceLocator {

    /** How long an instance list is used before discovery is asked again. */
    static final Duration REFRESH = Duration.ofSeconds(1);

    private final List<ReactiveDiscoveryClient> sources;
    private final Function<String, LoadBalancing> settings;
    private final Clock clock;
    private final Map<String, InstanceBalancer> balancers = new ConcurrentHashMap<>();

    /**
     * @param sources  discovery clients in the order they are asked
     * @param settings each service's load balancing
     */
    public DiscoveryServiceLocator(List<ReactiveDiscoveryClient> sources, Function<String, LoadBalancing> settings, Clock clock) {
        this.sources = List.copyOf(sources);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Mono<URI> locate(String service) {
        return balancer(service).map(InstanceBalancer::pick);
    }

    @Override
    public Map<String, List<String>> ejected() {
        Map<String, List<String>> ejected = new java.util.TreeMap<>();
        balancers.forEach((service, balancer) -> {
            List<String> out = balancer.ejected();
            if (!out.isEmpty()) {
                ejected.put(service, out);
            }
        });
        return ejected;
    }

    @Override
    public Mono<InstanceLease> lease(String service) {
        return balancer(service).map(InstanceBalancer::lease);
    }

    private Mono<InstanceBalancer> balancer(String service) {
        InstanceBalancer balancer = balancers.computeIfAbsent(service, name -> new InstanceBalancer(name, settings.apply(name), clock));
        Mono<InstanceBalancer> current = balancer.stale(REFRESH.toMillis())
                ? discover(service).map(instances -> {
                    balancer.refresh(instances);
                    return balancer;
                }).defaultIfEmpty(balancer)
                : Mono.just(balancer);
        return current.filter(b -> !b.isEmpty());
    }

    /** The instances the first source that knows the service lists; an empty list when none does. */
    private Mono<List<ServiceInstance>> discover(String service) {
        return Flux.fromIterable(sources)
                .concatMap(source -> source.getInstances(service).collectList().onErrorReturn(List.of()))
                .filter(instances -> !instances.isEmpty())
                .next()
                .defaultIfEmpty(List.of());
    }
}
