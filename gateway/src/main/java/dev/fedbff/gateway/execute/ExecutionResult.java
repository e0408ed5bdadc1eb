package dev.fedbff.gateway.execute;

import java.util.List;
import java.util.Map;

/**
 * The merged answers of every fetch, keyed by the client's response keys (plus the key fields the plan added),
 * the errors with client paths, and the subgraphs whose part of the answer is a stale cached one.
 */
public record ExecutionResult(Map<String, Object> data, List<Map<String, Object>> errors, java.util.Set<String> staleSubgraphs) {

    public ExecutionResult(Map<String, Object> data, List<Map<String, Object>> errors) {
        this(data, errors, java.util.Set.of());
    }
}
