package dev.fedbff.gateway.connect;

import reactor.core.publisher.Mono;

import java.net.URI;

/** Turns a service name ({@code users}, {@code payments}) into the base address of one instance. */
@FunctionalInterface
public interface ServiceLocator {

    /** The address of an instance of {@code service}, or empty when the name is unknown. */
    Mono<URI> locate(String service);

    /**
     * Like {@link #locate}, for a call whose outcome the caller reports by releasing the lease: what least-outstanding
     * balancing and the ejection of failing instances need. Empty when the name is unknown.
     */
    default Mono<InstanceLease> lease(String service) {
        return locate(service).map(InstanceLease::untracked);
    }

    /** The instances taken out of rotation after failures, by service: what health details show. */
    default java.util.Map<String, java.util.List<String>> ejected() {
        return java.util.Map.of();
    }
}
