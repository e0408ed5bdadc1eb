package dev.fedbff.gateway.connect;

import java.util.List;

/**
 * The REST calls of one fetch of a subgraph bound with {@code @connect}.
 *
 * @param mode     how the calls' answers make up the fetch's result
 * @param calls    the calls, each with the reader of its answer
 * @param entities for an entity fetch, how many representations the calls answer; 0 for a root fetch
 * @param shape    what the answers are read into (the fetch's selection, printed): with the calls, the key of a cached answer
 */
public record RestCalls(Mode mode, List<RestCall> calls, int entities, String shape) implements FetchRequest.Call {

    /** How a fetch's calls answer it. */
    public enum Mode {
        /** A root fetch: one call per root field, each answer the value of its {@link RestCall#key()}. */
        FIELDS,
        /** An entity fetch, one call per representation, each answer one entity, in order. */
        PER_ENTITY,
        /** An entity fetch, one call for every representation ({@code $batch}), whose answer is the list of entities in order. */
        BATCH
    }

    public RestCalls {
        calls = List.copyOf(calls);
    }
}
