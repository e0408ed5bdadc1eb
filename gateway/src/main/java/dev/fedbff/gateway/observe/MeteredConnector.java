package dev.fedbff.gateway.observe;

import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.connect.SubgraphConnector;
import reactor.core.publisher.Mono;

/** Times every fetch of a plan ({@link BackendMetrics}); wraps the whole connector stack, cache included, from outside. */
public final class MeteredConnector implements SubgraphConnector {

    private final SubgraphConnector delegate;
    private final BackendMetrics metrics;

    public MeteredConnector(SubgraphConnector delegate, BackendMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        String kind = request.rest() ? BackendMetrics.REST_CONNECTOR : BackendMetrics.GRAPHQL;
        return metrics.time(request.subgraph(), kind, FetchResult::stale, Mono.deferContextual(context -> {
            metrics.noteStart(context, request.subgraph(), request.deadline());
            return delegate.fetch(request);
        }));
    }
}
