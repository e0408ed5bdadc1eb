package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.plan.FetchNode;

import java.util.List;
import java.util.Map;

/**
 * One fetch to make.
 *
 * @param representations for an entity fetch, the de-duplicated entity representations; empty for a root fetch
 * @param variables       the client variables the fetch uses
 * @param caller          who is asking, forwarded to the backend as identity headers
 * @param deadline        what is left of the client request's time budget
 */
public record FetchRequest(Supergraph supergraph, FetchNode node, List<Map<String, Object>> representations,
                           Map<String, Object> variables, Caller caller, Deadline deadline) {

    /** A fetch without a time budget of its own: only the backend's timeout limits it. */
    public FetchRequest(Supergraph supergraph, FetchNode node, List<Map<String, Object>> representations,
                        Map<String, Object> variables, Caller caller) {
        this(supergraph, node, representations, variables, caller, Deadline.none());
    }

    public String subgraph() {
        return node.subgraph();
    }

    /** Writes must never be retried: a mutation is a write, and so is any non-GET REST call. */
    public boolean write() {
        return !node.entity() && "Mutation".equals(node.parentType());
    }
}
