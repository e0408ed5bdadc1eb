package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * A GraphQL operation for a subgraph.
 *
 * @param operation       the operation text, e.g. {@code query($representations:[_Any!]!){_entities(...){...}}}
 * @param variables       the client variables the operation uses
 * @param representations for an entity fetch, the de-duplicated entity representations (sent as
 *                        {@code $representations}); empty for a root fetch
 */
public record GraphQLCall(String operation, Map<String, Object> variables, List<JsonObject> representations) implements FetchRequest.Call {

    public GraphQLCall {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        representations = List.copyOf(representations);
    }

    /** The variables as sent: the client's, plus {@code representations} for an entity fetch. */
    public Map<String, Object> sentVariables(boolean entity) {
        if (!entity) {
            return variables;
        }
        Map<String, Object> sent = new java.util.LinkedHashMap<>(variables);
        sent.put("representations", representations);
        return sent;
    }
}
