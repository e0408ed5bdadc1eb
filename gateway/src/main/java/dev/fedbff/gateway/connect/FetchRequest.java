package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.core.Deadline;

/**
 * One fetch to make, with only what a connector needs: which backend, what to send, and for whom.
 *
 * @param subgraph the subgraph's name: the name of its breaker, cache settings and (for GraphQL subgraphs) service
 * @param entity   true for an entity fetch, whose result is one entity per representation, in order
 * @param write    true for a mutation: never retried, never cached
 * @param call     the GraphQL operation or the REST calls
 * @param caller   who is asking, forwarded to the backend as identity headers
 * @param deadline what is left of the client request's time budget
 * @param languages the client's {@code Accept-Language}, most preferred first (for the BFF's own fields)
 */
public record FetchRequest(String subgraph, boolean entity, boolean write, Call call, Caller caller, Deadline deadline,
                           java.util.List<java.util.Locale.LanguageRange> languages) {

    public FetchRequest(String subgraph, boolean entity, boolean write, Call call, Caller caller, Deadline deadline) {
        this(subgraph, entity, write, call, caller, deadline, java.util.List.of());
    }

    /** What a fetch sends: a {@link GraphQLCall} to a GraphQL subgraph, or {@link RestCalls} to REST endpoints. */
    public sealed interface Call permits GraphQLCall, RestCalls {
    }

    public boolean rest() {
        return call instanceof RestCalls;
    }

    /** The GraphQL operation this fetch sends; for a connector of GraphQL subgraphs. */
    public GraphQLCall graphql() {
        if (!(call instanceof GraphQLCall graphql)) {
            throw new IllegalStateException("the fetch of " + subgraph + " is made of REST calls, not a GraphQL operation");
        }
        return graphql;
    }

    /** How many results an entity fetch answers: one per representation. */
    public int expectedEntities() {
        return call instanceof RestCalls rest ? rest.entities() : graphql().representations().size();
    }
}
