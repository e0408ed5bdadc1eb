package dev.fedbff.gateway.connect;

import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the fetches of the BFF's own subgraphs to their resolvers in this process, and every other fetch on to the
 * backends. An own fetch has no breaker, retry or cache around it: nothing goes over a network.
 */
public final class OwnFieldsConnector implements SubgraphConnector {

    private final Map<String, OwnFields> own = new LinkedHashMap<>();
    private final SubgraphConnector backends;

    public OwnFieldsConnector(List<OwnFields> ownFields, SubgraphConnector backends) {
        ownFields.forEach(fields -> own.put(fields.subgraph(), fields));
        this.backends = backends;
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        OwnFields fields = own.get(request.subgraph());
        return fields == null ? backends.fetch(request) : Mono.defer(() -> fields.fetch(request));
    }
}
