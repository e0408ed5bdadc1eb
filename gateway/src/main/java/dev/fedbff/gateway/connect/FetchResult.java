package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.ResponseError;

import java.util.List;

/**
 * What a backend answered, in GraphQL shape, as JSON values ({@link JsonObject}s, lists, scalars) read straight from
 * its answer.
 *
 * @param data     for a root fetch, the fields by response key; unused for an entity fetch
 * @param entities for an entity fetch, one result per representation, in order (null where not found)
 * @param errors   GraphQL errors, their paths as the backend sent them; an entity error's path starts {@code ["_entities", index, ...]}
 * @param stale    true when the answer is a cached one served because the backend failed (stale-if-error)
 */
public record FetchResult(JsonObject data, List<Object> entities, List<ResponseError> errors, boolean stale) {

    public FetchResult(JsonObject data, List<Object> entities, List<ResponseError> errors) {
        this(data, entities, errors, false);
    }

    public static FetchResult root(JsonObject data, List<ResponseError> errors) {
        return new FetchResult(data, List.of(), errors);
    }

    public static FetchResult entities(List<Object> entities, List<ResponseError> errors) {
        return new FetchResult(JsonObject.EMPTY, entities, errors);
    }
}
