package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.JsonObject;

import java.util.List;

/**
 * A GraphQL operation for a subgraph.
 *
 * @param operation       the operation text, e.g. {@code query($representations:[_Any!]!){_entities(...){...}}}
 * @param variables       the client variables the operation uses, as the client sent them
 * @param representations for an entity fetch, the de-duplicated entity representations (sent as
 *                        {@code $representations}); empty for a root fetch
 */
public record GraphQLCall(String operation, JsonObject variables, List<JsonObject> representations) implements FetchRequest.Call {

    public GraphQLCall {
        variables = variables.copy().freeze();
        representations = List.copyOf(representations);
    }

    /** The request's {@code variables} object: the client's, plus {@code representations} for an entity fetch. */
    public JsonObject sentVariables(boolean entity) {
        if (!entity) {
            return variables;
        }
        JsonObject sent = new JsonObject(variables.size() + 1);
        for (int i = 0; i < variables.size(); i++) {
            sent.put(variables.key(i), variables.value(i));
        }
        return sent.put("representations", representations);
    }
}
