package dev.fedbff.benchmarks.guild;

import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.connect.GraphQLCall;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.connect.SubgraphConnector;
import graphql.ExecutionInput;
import graphql.GraphQL;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers the engine's fetches with the four benchmark subgraphs in the same process, without HTTP: each fetch's
 * body is serialised, executed by the subgraph's graphql-java and its answer parsed back, so results reach the
 * executor as the JSON values the GraphQL connector reads from the wire. For JMH fixtures, which need the merged result of the benchmark
 * query without a network.
 */
public final class InProcessConnector implements SubgraphConnector {

    private final Map<String, GraphQL> subgraphs = new LinkedHashMap<>();

    public InProcessConnector() {
        for (GuildSubgraph subgraph : GuildSubgraph.values()) {
            subgraphs.put(subgraph.subgraphName(), subgraph.graphQL());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Mono<FetchResult> fetch(FetchRequest request) {
        return Mono.fromSupplier(() -> {
            GraphQL graphQL = subgraphs.get(request.subgraph());
            GraphQLCall call = request.graphql();
            Map<String, Object> wireVariables = (Map<String, Object>) Json.read(Json.write(call.sentVariables(request.entity())));
            Map<String, Object> answer = graphQL.execute(ExecutionInput.newExecutionInput(call.operation()).variables(wireVariables).build())
                    .toSpecification();
            JsonObject parsed = (JsonObject) Json.tree(Json.write(answer));
            JsonObject data = parsed.get("data") instanceof JsonObject d ? d : JsonObject.EMPTY;
            if (parsed.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
                throw new IllegalStateException("subgraph " + request.subgraph() + " answered errors: " + errors);
            }
            return request.entity() ? FetchResult.entities((List<Object>) data.get("_entities"), List.of()) : FetchResult.root(data, List.of());
        });
    }
}
