package dev.fedbff.gateway.resilience;

import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.connect.SubgraphConnector;
import reactor.core.publisher.Mono;

/**
 * Decorates a connector: each fetch runs under the resilience of its subgraph and within what is left of its
 * request's budget; mutations are never retried.
 */
public final class ResilientConnector implements SubgraphConnector {

    private final SubgraphConnector delegate;
    private final BackendResilience resilience;

    public ResilientConnector(SubgraphConnector delegate, BackendResilience resilience) {
        this.delegate = delegate;
        this.resilience = resilience;
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        return request.deadline().bind(resilience.decorate(request.subgraph(), !request.write(), Mono.defer(() -> delegate.fetch(request))));
    }
}
