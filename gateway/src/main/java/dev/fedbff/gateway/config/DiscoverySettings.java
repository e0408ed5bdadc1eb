package dev.fedbff.gateway.config;

import dev.fedbff.gateway.connect.ConfiguredInstance;
import dev.fedbff.gateway.connect.DiscoveryServiceLocator;
import dev.fedbff.gateway.connect.LoadBalancing;
import dev.fedbff.gateway.connect.ServiceLocator;
import dev.fedbff.gateway.connect.StaticDiscoveryClient;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.discovery.composite.reactive.ReactiveCompositeDiscoveryClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code fedbff.services} and {@code fedbff.load-balancing} turned into the {@link ServiceLocator}: the application's
 * Spring Cloud discovery clients first (Eureka when {@code eureka.client.enabled}, Consul or Kubernetes when their
 * starter is added), then the configured addresses. Refuses a bad address or weight at start-up, naming the setting.
 */
final class DiscoverySettings {

    private DiscoverySettings() {
    }

    /**
     * @param schemaAddresses addresses the schema names (an Apollo supergraph's {@code join__graph} URLs), used for
     *                        services that {@code fedbff.services} does not configure
     */
    static ServiceLocator locator(GatewayProperties properties, Map<String, java.net.URI> schemaAddresses,
                                  Stream<ReactiveDiscoveryClient> registries, Clock clock) {
        List<ReactiveDiscoveryClient> sources = new ArrayList<>();
        registries.filter(client -> !(client instanceof ReactiveCompositeDiscoveryClient)).forEach(sources::add);
        Map<String, List<GatewayProperties.ServiceAddress>> services = new LinkedHashMap<>();
        schemaAddresses.forEach((service, uri) -> services.put(service, List.of(new GatewayProperties.ServiceAddress(uri, 1))));
        services.putAll(properties.services());
        sources.add(new StaticDiscoveryClient(instances(services)));
        GatewayProperties.LoadBalancing balancing = properties.loadBalancing();
        Map<String, LoadBalancing> configured = new LinkedHashMap<>();
        balancing.services().keySet().forEach(service -> configured.put(service, loadBalancing(balancing, service)));
        LoadBalancing defaults = loadBalancing(balancing, null);
        return new DiscoveryServiceLocator(sources, service -> configured.getOrDefault(service, defaults), clock);
    }

    static Map<String, List<ServiceInstance>> instances(Map<String, List<GatewayProperties.ServiceAddress>> services) {
        Map<String, List<ServiceInstance>> instances = new LinkedHashMap<>();
        services.forEach((service, addresses) -> {
            List<ServiceInstance> list = new ArrayList<>();
            for (GatewayProperties.ServiceAddress address : addresses) {
                try {
                    list.add(new ConfiguredInstance(service, address.uri(), address.weight()));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new InvalidConfigurationPropertyValueException("fedbff.services." + service, address.uri(),
                            e.getMessage() == null ? "an instance needs a uri" : e.getMessage());
                }
            }
            instances.put(service, List.copyOf(list));
        });
        return instances;
    }

    private static LoadBalancing loadBalancing(GatewayProperties.LoadBalancing defaults, String service) {
        GatewayProperties.ServiceLoadBalancing own = service == null ? null : defaults.services().get(service);
        String prefix = service == null ? "fedbff.load-balancing" : "fedbff.load-balancing.services." + service;
        try {
            return new LoadBalancing(
                    own != null && own.strategy() != null ? own.strategy() : defaults.strategy(),
                    own != null && own.ejectAfterFailures() != null ? own.ejectAfterFailures() : defaults.ejectAfterFailures(),
                    own != null && own.ejectionTime() != null ? own.ejectionTime() : defaults.ejectionTime());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(prefix, own != null ? own : defaults, e.getMessage());
        }
    }
}
