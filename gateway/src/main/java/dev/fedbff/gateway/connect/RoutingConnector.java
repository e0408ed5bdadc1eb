package dev.fedbff.gateway.connect;

import reactor.core.publisher.Mono;

/** Sends each fetch to the REST connector or the GraphQL one, by what it calls. */
public final class RoutingConnector implements SubgraphConnector {

    private final SubgraphConnector graphql;
    private final SubgraphConnector rest;

    public RoutingConnector(SubgraphConnector graphql, SubgraphConnector rest) {
        this.graphql = graphql;
        this.rest = rest;
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        return request.rest() ? rest.fetch(request) : graphql.fetch(request);
    }
}
