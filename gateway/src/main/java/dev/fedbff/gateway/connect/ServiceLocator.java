package dev.fedbff.gateway.connect;

import reactor.core.publisher.Mono;

import java.net.URI;

/** Turns a service name ({@code users}, {@code payments}) into the base address of one instance. */
@FunctionalInterface
public interface ServiceLocator {

    /** The address of an instance of {@code service}, or empty when the name is unknown. */
    Mono<URI> locate(String service);
}
