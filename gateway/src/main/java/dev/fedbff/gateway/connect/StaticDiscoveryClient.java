package dev.fedbff.gateway.connect;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Map;

/**
 * The instances listed in configuration ({@code fedbff.services}), as a Spring Cloud discovery client: the default
 * when no registry is enabled, and the fallback for services a registry does not know.
 */
public final class StaticDiscoveryClient implements ReactiveDiscoveryClient {

    private final Map<String, List<ServiceInstance>> instances;

    public StaticDiscoveryClient(Map<String, List<ServiceInstance>> instances) {
        this.instances = Map.copyOf(instances);
    }

    @Override
    public String description() {
        return "fedbff.services";
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
