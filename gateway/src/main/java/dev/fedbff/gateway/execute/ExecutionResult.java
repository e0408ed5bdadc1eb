package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.ResponseError;

import java.util.List;
import java.util.Set;

/**
 * The merged answers of every fetch, keyed by the client's response keys (plus the key fields the plan added),
 * the errors with client paths, and the subgraphs whose part of the answer is a stale cached one.
 */
public record ExecutionResult(JsonObject data, List<ResponseError> errors, Set<String> staleSubgraphs) {

    public ExecutionResult(JsonObject data, List<ResponseError> errors) {
        this(data, errors, Set.of());
    }
}
