package dev.fedbff.gateway.connect;

import reactor.core.publisher.Mono;

/** Sends each fetch to the REST connector or the GraphQL one, by the kind of its subgraph. */
public final class RoutingConnector implements SubgraphConnector {

    private final SubgraphConnector graphql;
    private final SubgraphConnector rest;

    public RoutingConnector(SubgraphConnector graphql, SubgraphConnector rest) {
        this.graphql = graphql;
        this.rest = rest;
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        return request.node().rest() ? rest.fetch(request) : graphql.fetch(request);
    }
}
