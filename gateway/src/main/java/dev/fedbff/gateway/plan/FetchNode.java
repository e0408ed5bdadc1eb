package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.compose.Connector;
import dev.fedbff.gateway.core.JsonObject;
import graphql.language.SelectionSet;

import java.util.List;
import java.util.Map;

/**
 * One call to one subgraph. A root fetch selects fields of {@code Query} or {@code Mutation}; an entity fetch
 * sends the representations found at its merge paths and selects fields of {@code parentType} on them.
 *
 * @param mergePaths   where results merge: response keys, with {@code @} for "every element of the list"; an entity
 *                     fetch of one type at several paths of one plan level has one path each, in one call
 * @param requires     for an entity fetch, the representation's fields ({@code __typename} and the key, then the
 *                     {@code @requires} fields); a field with an alias is read from that response key and sent under
 *                     its own name
 * @param selection    what to select under the root type or on each entity, with the client's aliases
 * @param clientFields the top-level response keys the client asked for (errors point at them when the fetch fails)
 * @param operation    the GraphQL operation sent to a GraphQL subgraph; empty for REST subgraphs
 * @param variables    the client variables the fetch passes on
 * @param connectors   for a REST subgraph: the connector of each root field by response key, or of the entity type by type name
 * @param children     the fetches this one comes before in the printed plan: those every way to which passes this
 *                     fetch last (the dominator tree of the plan's dependencies)
 * @param entityTypes  for an entity fetch, the representation fields of each entity type it serves; one type, or
 *                     several (members of an interface or union at one path) sent in one {@code _entities} call, in
 *                     which case {@code selection} holds one inline fragment per type
 * @param representedAs the {@code __typename} an entity type is sent as when the subgraph knows it by another name:
 *                     an implementation of an entity interface sent to a subgraph that has the interface as an
 *                     {@code @interfaceObject} ({@code Book → Media}); such objects are served as that type
 * @param dependsOn    the ids of the fetches that must have merged their results before this one starts
 * @param renames      aliases the selection uses to keep apart one response key of different shapes in different
 *                     member types, each with the response key it is renamed back to in the answer
 */
public record FetchNode(int id, String subgraph, String parentType, boolean entity, List<List<String>> mergePaths,
                        SelectionSet requires, SelectionSet selection, List<String> clientFields, String operation,
                        List<String> variables, Map<String, Connector> connectors, List<FetchNode> children,
                        Map<String, SelectionSet> entityTypes, Map<String, String> representedAs, List<Integer> dependsOn,
                        Map<String, String> renames) {

    /** The first (for most fetches the only) merge path. */
    public List<String> mergePath() {
        return mergePaths.isEmpty() ? List.of() : mergePaths.get(0);
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

    /**
     * The subgraph's answer with the selection's aliases renamed back to the response keys the client and later
     * fetches read (see {@code renames}); the answer itself when there are none.
     */
    public Object renamed(Object answer) {
        return renames.isEmpty() ? answer : rename(answer);
    }

    private Object rename(Object value) {
        if (value instanceof JsonObject object) {
            JsonObject out = new JsonObject(object.size());
            for (int i = 0; i < object.size(); i++) {
                out.put(renames.getOrDefault(object.key(i), object.key(i)), rename(object.value(i)));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new java.util.ArrayList<>(list.size());
            list.forEach(item -> out.add(rename(item)));
            return out;
        }
        return value;
    }
}
