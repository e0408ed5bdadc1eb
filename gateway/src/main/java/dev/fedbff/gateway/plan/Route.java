package dev.fedbff.gateway.plan;

import java.util.List;
import graphql.language.Field;

/** How one field of a selection is resolved, starting from the query-graph node the selection is planned at. */
sealed interface Route {

    /** {@code __typename}, or a field the caller may not read: nothing to fetch. */
    record Local() implements Route {
    }

    /** The node's own subgraph resolves the field in the fetch already under way; {@code sub} plans its selection (null for a leaf). */
    record Direct(QueryGraph.FieldEdge edge, Decision sub) implements Route {
    }

    /**
     * A root field of the subgraph of {@code edge}: one root fetch per subgraph serves every root field it is chosen for.
     */
    record Root(QueryGraph.FieldEdge edge, Decision sub) implements Route {
    }

    /**
     * The entity is handed over by {@code key} to another subgraph (to the same one only for a {@code @requires}
     * field), which resolves the field in an entity fetch after {@code conditions} (the key fields and required fields,
     * planned from the node the hand-over starts at) are in.
     */
    record Hop(QueryGraph.KeyEdge key, QueryGraph.FieldEdge edge, Decision conditions, Decision sub) implements Route {
    }

    /**
     * A field whose selection no one way resolves (a value type some of whose fields only another subgraph has,
     * reached through its parent entity): each part resolves the response keys it names.
     */
    record Split(List<Part> parts) implements Route {
    }

    /** One way of a {@link Split}, and the field's occurrences narrowed to the part of its selection that way resolves. */
    record Part(Route route, List<Field> occurrences) {
    }
}
