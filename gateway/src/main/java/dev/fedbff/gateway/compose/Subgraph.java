package dev.fedbff.gateway.compose;

import graphql.language.FieldDefinition;
import graphql.language.SelectionSet;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One composed subgraph: what it defines and how the gateway reaches it.
 *
 * @param name             the subgraph's name, which is also the service name the locator resolves
 * @param file             the schema file it came from
 * @param rest             true when its fields are bound to REST endpoints with {@code @connect}
 * @param fields           its object types' fields, by type then field name
 * @param external         {@code Type.field} coordinates marked {@code @external}
 * @param keys             the keys by which this subgraph can resolve an entity, by type
 * @param rootConnectors   REST bindings of root fields, by coordinate such as {@code Query.product}
 * @param entityConnectors REST entity resolvers, by type
 */
public record Subgraph(String name, String file, boolean rest,
                       Map<String, Map<String, FieldDefinition>> fields, Set<String> external,
                       Map<String, List<SelectionSet>> keys,
                       Map<String, Connector> rootConnectors, Map<String, Connector> entityConnectors) {

    public boolean resolves(String type, String field) {
        Map<String, FieldDefinition> typeFields = fields.get(type);
        return typeFields != null && typeFields.containsKey(field) && !external.contains(type + "." + field);
    }
}
