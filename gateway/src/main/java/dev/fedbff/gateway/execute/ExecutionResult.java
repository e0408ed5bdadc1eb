package dev.fedbff.gateway.execute;

import java.util.List;
import java.util.Map;

/**
 * The merged answers of every fetch, keyed by the client's response keys (plus the key fields the plan added),
 * and the errors with client paths.
 */
public record ExecutionResult(Map<String, Object> data, List<Map<String, Object>> errors) {
}
