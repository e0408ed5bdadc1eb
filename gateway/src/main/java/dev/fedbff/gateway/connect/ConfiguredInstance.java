package dev.fedbff.gateway.connect;

import org.springframework.cloud.client.ServiceInstance;

import java.net.URI;
import java.util.Map;

/**
 * An instance named in configuration ({@code fedbff.services.users: http://localhost:4001}). Unlike Spring Cloud's
 * {@code DefaultServiceInstance} it keeps the whole address, path included.
 *
 * @param weight the instance's share under {@link BalancingStrategy#WEIGHTED}
 */
public record ConfiguredInstance(String serviceId, URI uri, int weight) implements ServiceInstance {

    public ConfiguredInstance {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the address " + uri + " of service " + serviceId + " has no host");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("the weight of " + uri + " (service " + serviceId + ") must be 1 or more, was " + weight);
        }
    }

    @Override
    public String getInstanceId() {
        return uri.toString();
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public String getHost() {
        return uri.getHost();
    }

    @Override
    public int getPort() {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return isSecure() ? 443 : 80;
    }

    @Override
    public boolean isSecure() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public Map<String, String> getMetadata() {
        return Map.of(InstanceBalancer.WEIGHT, Integer.toString(weight));
    }

    @Override
    public String getScheme() {
        return uri.getScheme();
    }
}
