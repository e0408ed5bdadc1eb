package dev.fedbff.gateway.compose;

import graphql.language.FieldDefinition;
import graphql.language.SelectionSet;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One composed subgraph: what it defines and how the gateway reaches it. Coordinates are {@code Type.field}.
 *
 * @param name             the subgraph's name, which is also the service name the locator resolves
 * @param file             the schema file it came from
 * @param rest             true when its fields are bound to REST endpoints with {@code @connect}
 * @param fields           its object types' fields, by type then field name
 * @param external         coordinates marked {@code @external}
 * @param keys             the keys by which this subgraph can resolve an entity, by type
 * @param requires         the field set each {@code @requires} field needs from other subgraphs, by coordinate
 * @param provides         the field set each {@code @provides} field resolves on its entity, by coordinate
 * @param possibleTypes    the object types of each interface and union, as this subgraph declares them
 * @param rootConnectors   REST bindings of root fields, by coordinate such as {@code Query.product}
 * @param entityConnectors REST entity resolvers, by type
 * @param interfaceObjects object types marked {@code @interfaceObject}: each stands for the entity interface of that name,
 *                         whose implementations this subgraph does not know
 */
public record Subgraph(String name, String file, boolean rest,
                       Map<String, Map<String, FieldDefinition>> fields, Set<String> external,
                       Map<String, List<SelectionSet>> keys, Map<String, SelectionSet> requires,
                       Map<String, SelectionSet> provides, Map<String, Set<String>> possibleTypes,
                       Map<String, Connector> rootConnectors, Map<String, Connector> entityConnectors, Set<String> interfaceObjects) {

    /**
     * Whether a fetch of this subgraph can select the field: it defines it and does not mark it {@code @external}
     * (a key field counts as resolvable: the subgraph receives it in every representation). A field with
     * {@code @requires} resolves only in an entity fetch that carries the required fields.
     */
    public boolean resolves(String type, String field) {
        Map<String, FieldDefinition> typeFields = fields.get(type);
        if (typeFields == null || !typeFields.containsKey(field)) {
            return false;
        }
        return !external.contains(type + "." + field) || isKeyField(type, field);
    }

    public boolean isKeyField(String type, String field) {
        return keys.getOrDefault(type, List.of()).stream()
                .anyMatch(key -> key.getSelectionsOfType(graphql.language.Field.class).stream().anyMatch(f -> f.getName().equals(field)));
    }

    public boolean definesType(String type) {
        return fields.containsKey(type) || possibleTypes.containsKey(type);
    }
}
