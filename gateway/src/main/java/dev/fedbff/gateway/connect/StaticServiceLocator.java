package dev.fedbff.gateway.connect;

import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Map;

/** Addresses from configuration ({@code fedbff.services.users: http://localhost:4001}): the local-run default. */
public final class StaticServiceLocator implements ServiceLocator {

    private final Map<String, URI> addresses;

    public StaticServiceLocator(Map<String, URI> addresses) {
        this.addresses = Map.copyOf(addresses);
    }

    @Override
    public Mono<URI> locate(String service) {
        URI address = addresses.get(service);
        return address == null ? Mono.empty() : Mono.just(address);
    }
}
