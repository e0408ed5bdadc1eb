package dev.fedbff.gateway.compose;

import graphql.language.SelectionSet;
import graphql.schema.GraphQLSchema;

import java.util.List;
import java.util.Map;

/**
 * The composed graph: the public schema clients see, and for every field which subgraphs can resolve it.
 * Immutable; built at start-up by {@link SupergraphComposer} and replaced whole on reload.
 */
public final class Supergraph {

    private final String version;
    private final GraphQLSchema schema;
    private final Map<String, Subgraph> subgraphs;
    private final Map<String, Map<String, List<String>>> resolvers;

    Supergraph(String version, GraphQLSchema schema, Map<String, Subgraph> subgraphs,
               Map<String, Map<String, List<String>>> resolvers) {
        this.version = version;
        this.schema = schema;
        this.subgraphs = Map.copyOf(subgraphs);
        this.resolvers = resolvers;
    }

    /** A digest of the schema files: plans cached for one version are never used with another. */
    public String version() {
        return version;
    }

    /** The client-facing schema, without federation or connector machinery; used to validate and introspect. */
    public GraphQLSchema schema() {
        return schema;
    }

    public Subgraph subgraph(String name) {
        Subgraph subgraph = subgraphs.get(name);
        if (subgraph == null) {
            throw new IllegalArgumentException("no subgraph named " + name);
        }
        return subgraph;
    }

    public java.util.Collection<Subgraph> subgraphs() {
        return subgraphs.values();
    }

    /** The subgraphs that can resolve {@code type.field}, in schema-file order. */
    public List<String> resolvers(String type, String field) {
        return resolvers.getOrDefault(type, Map.of()).getOrDefault(field, List.of());
    }

    /** The first key by which {@code subgraph} resolves {@code type}, or null when it cannot. */
    public SelectionSet key(String subgraph, String type) {
        List<SelectionSet> keys = subgraph(subgraph).keys().get(type);
        return keys == null || keys.isEmpty() ? null : keys.get(0);
    }
}
