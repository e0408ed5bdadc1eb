package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.compose.Connector;
import graphql.language.SelectionSet;

import java.util.List;
import java.util.Map;

/**
 * One call to one subgraph. A root fetch selects fields of {@code Query} or {@code Mutation}; an entity fetch
 * sends the representations found at {@code mergePath} and selects fields of {@code parentType} on them.
 *
 * @param mergePath    where results merge: response keys, with {@code @} for "every element of the list"
 * @param requires     for an entity fetch, the representation's fields ({@code __typename} and the key)
 * @param selection    what to select under the root type or on each entity, with the client's aliases
 * @param clientFields the top-level response keys the client asked for (errors point at them when the fetch fails)
 * @param operation    the GraphQL operation sent to a GraphQL subgraph; empty for REST subgraphs
 * @param variables    the client variables the fetch passes on
 * @param connectors   for a REST subgraph: the connector of each root field by response key, or of the entity type by type name
 * @param children     fetches that start when this one has merged its results, in parallel with each other
 * @param entityTypes  for an entity fetch, the representation fields of each entity type it serves; one type, or
 *                     several (members of an interface or union at one path) sent in one {@code _entities} call, in
 *                     which case {@code selection} holds one inline fragment per type
 * @param representedAs the {@code __typename} an entity type is sent as when the subgraph knows it by another name:
 *                     an implementation of an entity interface sent to a subgraph that has the interface as an
 *                     {@code @interfaceObject} ({@code Book → Media}); such objects are served as that type
 */
public record FetchNode(int id, String subgraph, String parentType, boolean entity, List<String> mergePath,
                        SelectionSet requires, SelectionSet selection, List<String> clientFields, String operation,
                        List<String> variables, Map<String, Connector> connectors, List<FetchNode> children,
                        Map<String, SelectionSet> entityTypes, Map<String, String> representedAs) {

    public FetchNode(int id, String subgraph, String parentType, boolean entity, List<String> mergePath,
                     SelectionSet requires, SelectionSet selection, List<String> clientFields, String operation,
                     List<String> variables, Map<String, Connector> connectors, List<FetchNode> children) {
        this(id, subgraph, parentType, entity, mergePath, requires, selection, clientFields, operation, variables, connectors, children,
                entity ? Map.of(parentType, requires) : Map.of(), Map.of());
    }

    public boolean rest() {
        return !connectors.isEmpty();
    }

    /** True when one {@code _entities} call serves several entity types. */
    public boolean multiType() {
        return entityTypes.size() > 1;
    }

    /**
     * True when {@code selection} holds one inline fragment per type the subgraph knows: several entity types that
     * are not all sent as one {@code @interfaceObject}.
     */
    public boolean selectionPerType() {
        return entityTypes.keySet().stream().map(type -> representedAs.getOrDefault(type, type)).distinct().count() > 1;
    }
}
