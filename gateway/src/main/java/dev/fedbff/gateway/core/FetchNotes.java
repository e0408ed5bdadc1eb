package dev.fedbff.gateway.core;

import reactor.util.context.ContextView;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the explain output says about each fetch of a plan once it ran: the state of its backend's breaker and the time
 * budget it got when it started, and where its answer came from. Only made for a request that asked for the plan; it
 * travels in the Reactor context, and each fetch runs with its {@link Fetch} id there, so the connectors around it can
 * note what they saw.
 */
public final class FetchNotes {

    /** The id of the plan fetch running, in the Reactor context of its connector call. */
    public record Fetch(int id) {
    }

    /**
     * @param breaker the breaker's state when the fetch started: {@code closed}, {@code open}, {@code half_open}...
     * @param budget  the time it was given: its backend's timeout, capped by what was left of the request's budget
     * @param cache   {@code hit}, {@code miss} or {@code stale} for a cached REST connector fetch, {@code none} otherwise
     */
    public record Note(String breaker, String budget, String cache) {

        static final Note EMPTY = new Note("", "", "none");

        @Override
        public String toString() {
            return "breaker: \"" + breaker + "\", budget: \"" + budget + "\", cache: \"" + cache + "\"";
        }
    }

    private final Map<Integer, Note> notes = new ConcurrentHashMap<>();

    /** The note of fetch {@code id}, or null when it did not run. */
    public Note note(int id) {
        return notes.get(id);
    }

    /** Notes the breaker and budget of the fetch running in {@code context}; nothing outside an explained request. */
    public static void started(ContextView context, String breaker, String budget) {
        update(context, note -> new Note(breaker, budget, note.cache()));
    }

    /** Notes where the answer of the fetch running in {@code context} came from. */
    public static void cache(ContextView context, String outcome) {
        update(context, note -> new Note(note.breaker(), note.budget(), outcome));
    }

    private static void update(ContextView context, java.util.function.UnaryOperator<Note> change) {
        FetchNotes notes = context.getOrDefault(FetchNotes.class, null);
        Fetch fetch = context.getOrDefault(Fetch.class, null);
        if (notes != null && fetch != null) {
            notes.notes.compute(fetch.id(), (id, note) -> change.apply(note == null ? Note.EMPTY : note));
        }
    }
}
