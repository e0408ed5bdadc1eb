package dev.fedbff.gateway.observe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the {@code operation} tag's cardinality bounded: the first {@code limit} distinct operation names are tagged
 * as they are, any later one as {@value #OTHER}. Names come from parsed documents, so they are GraphQL names (letters,
 * digits, underscores); an operation without a name is {@value #UNNAMED}, a request whose operation is not known
 * (malformed, refused before parsing) {@value #UNKNOWN}.
 */
final class OperationNames {

    static final String UNNAMED = "unnamed";
    static final String UNKNOWN = "unknown";
    static final String OTHER = "other";

    private final int limit;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    OperationNames(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("fedbff.metrics.max-operation-names must not be negative, was " + limit);
        }
        this.limit = limit;
    }

    /** The tag value for an operation name as the request log holds it ("" when not known). */
    String tag(String name) {
        if (name.isEmpty()) {
            return UNKNOWN;
        }
        if (name.equals(UNNAMED) || seen.contains(name)) {
            return name;
        }
        synchronized (seen) {
            if (seen.size() < limit) {
                seen.add(name);
                return name;
            }
        }
        return seen.contains(name) ? name : OTHER;
    }
}
