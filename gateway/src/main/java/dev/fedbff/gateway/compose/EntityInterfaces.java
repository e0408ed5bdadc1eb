package dev.fedbff.gateway.compose;

import graphql.language.FieldDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Composition of entity interfaces ({@code interface Media @key(fields: "id")}) and {@code @interfaceObject} types
 * (Federation 2.3): the rules Apollo checks, the fields an {@code @interfaceObject} adds to every implementation, and
 * for each subgraph the implementations it knows only through one of its {@code @interfaceObject} types.
 */
final class EntityInterfaces {

    private final Map<String, List<SupergraphComposer.Definition>> byType;

    EntityInterfaces(Map<String, List<SupergraphComposer.Definition>> byType) {
        this.byType = byType;
    }

    static boolean isInterfaceObject(SupergraphComposer.Definition definition) {
        return definition.type() instanceof ObjectTypeDefinition
                && definition.read().subgraph().interfaceObjects().contains(definition.type().getName());
    }

    /** {@code INTERFACE_OBJECT_USAGE_ERROR} and {@code INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE}, with Apollo's wording. */
    void check(List<CompositionError> errors) {
        byType.forEach((name, definitions) -> {
            if (definitions.stream().anyMatch(EntityInterfaces::isInterfaceObject)) {
                checkInterfaceObjects(name, definitions, errors);
            }
            checkInterfaceKeys(name, definitions, errors);
        });
    }

    private void checkInterfaceObjects(String name, List<SupergraphComposer.Definition> definitions, List<CompositionError> errors) {
        List<SupergraphComposer.Definition> objects = definitions.stream().filter(EntityInterfaces::isInterfaceObject).toList();
        List<SupergraphComposer.Definition> interfaces = definitions.stream().filter(d -> d.type() instanceof InterfaceTypeDefinition).toList();
        if (interfaces.isEmpty()) {
            List<String> subgraphs = definitions.stream().map(d -> d.read().subgraph().name()).toList();
            errors.add(SupergraphComposer.located(objects.get(0), "INTERFACE_OBJECT_USAGE_ERROR", "Type \"" + name
                    + "\" is declared with @interfaceObject in all the subgraphs in which is is defined (it is defined in "
                    + (subgraphs.size() > 1 ? "subgraphs " : "subgraph ") + SubgraphReader.quotedList(subgraphs)
                    + " but should be defined as an interface in at least one subgraph)"));
            return;
        }
        if (interfaces.stream().noneMatch(d -> d.read().subgraph().keys().containsKey(name))) {
            errors.add(SupergraphComposer.located(objects.get(0), "INTERFACE_OBJECT_USAGE_ERROR", "Type \"" + name
                    + "\" is declared with @interfaceObject, but no subgraph declares interface \"" + name
                    + "\" with a resolvable @key, so no subgraph can tell which implementation a " + name + " is"));
            return;
        }
        Set<String> implementations = implementations(name);
        for (SupergraphComposer.Definition object : objects) {
            List<String> defined = implementations.stream().filter(object.read().types()::containsKey).toList();
            if (!defined.isEmpty()) {
                String subgraph = object.read().subgraph().name();
                errors.add(SupergraphComposer.located(object, "INTERFACE_OBJECT_USAGE_ERROR", "Interface type \"" + name
                        + "\" is defined as an @interfaceObject in subgraph \"" + subgraph + "\" so that subgraph should not define any of the"
                        + " implementation types of \"" + name + "\", but it defines " + (defined.size() > 1 ? "types " : "type ")
                        + SubgraphReader.quotedList(defined)));
            }
        }
    }

    /** A subgraph with a resolvable {@code @key} on an interface must define every implementation the supergraph has. */
    private void checkInterfaceKeys(String name, List<SupergraphComposer.Definition> definitions, List<CompositionError> errors) {
        Set<String> implementations = implementations(name);
        for (SupergraphComposer.Definition definition : definitions) {
            Subgraph subgraph = definition.read().subgraph();
            if (!(definition.type() instanceof InterfaceTypeDefinition) || !subgraph.keys().containsKey(name)) {
                continue;
            }
            Set<String> known = subgraph.possibleTypes().getOrDefault(name, Set.of());
            List<String> missing = implementations.stream().filter(type -> !known.contains(type)).sorted().toList();
            if (!missing.isEmpty()) {
                String key = graphql.language.AstPrinter.printAstCompact(subgraph.keys().get(name).get(0));
                errors.add(SupergraphComposer.located(definition, "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE", "Interface type \"" + name
                        + "\" has a resolvable key (@key(fields: \"" + key.substring(1, key.length() - 1).trim() + "\")) in subgraph \""
                        + subgraph.name() + "\" but that subgraph is missing some of the supergraph implementation types of \"" + name
                        + "\". Subgraph \"" + subgraph.name() + "\" should define " + (missing.size() > 1 ? "types " : "type ")
                        + SubgraphReader.quotedList(missing) + " (and have " + (missing.size() > 1 ? "them" : "it") + " implement \"" + name + "\")."));
            }
        }
    }

    /** The object types that implement {@code name} in any subgraph. */
    private Set<String> implementations(String name) {
        Set<String> implementations = new LinkedHashSet<>();
        byType.values().forEach(definitions -> definitions.forEach(d -> {
            if (d.type() instanceof ObjectTypeDefinition object && !isInterfaceObject(d)
                    && object.getImplements().stream().anyMatch(t -> ((graphql.language.TypeName) t).getName().equals(name))) {
                implementations.add(object.getName());
            }
        }));
        return implementations;
    }

    /**
     * The definitions the public schema is merged from: each implementation of an interface that some subgraph declares
     * as an {@code @interfaceObject} also gets that object's fields (those it does not mark {@code @external}).
     */
    Map<String, List<SupergraphComposer.Definition>> withInterfaceObjectFields() {
        Map<String, List<SupergraphComposer.Definition>> merged = new LinkedHashMap<>();
        byType.forEach((name, definitions) -> merged.put(name, new ArrayList<>(definitions)));
        byType.forEach((name, definitions) -> definitions.stream().filter(EntityInterfaces::isInterfaceObject).forEach(object -> {
            List<FieldDefinition> added = ((ObjectTypeDefinition) object.type()).getFieldDefinitions().stream()
                    .filter(f -> !object.read().subgraph().external().contains(name + "." + f.getName())).toList();
            for (String implementation : implementations(name)) {
                merged.get(implementation).add(new SupergraphComposer.Definition(object.read(),
                        ObjectTypeDefinition.newObjectTypeDefinition().name(implementation).fieldDefinitions(added).build()));
            }
        }));
        return merged;
    }

    /**
     * For each subgraph, the implementations it knows only through one of its {@code @interfaceObject} types, and that
     * type: {@code reviews → {Book → Media, Movie → Media}}.
     */
    static Map<String, Map<String, String>> knownAsInterfaceObjects(Map<String, Subgraph> subgraphs, GraphQLSchema schema) {
        Map<String, Map<String, String>> known = new LinkedHashMap<>();
        subgraphs.forEach((name, subgraph) -> {
            Map<String, String> types = new LinkedHashMap<>();
            for (String interfaceObject : subgraph.interfaceObjects()) {
                if (schema.getType(interfaceObject) instanceof GraphQLInterfaceType iface) {
                    schema.getImplementations(iface).stream().map(GraphQLObjectType::getName).forEach(t -> types.put(t, interfaceObject));
                }
            }
            known.put(name, Map.copyOf(types));
        });
        return Map.copyOf(known);
    }
}
