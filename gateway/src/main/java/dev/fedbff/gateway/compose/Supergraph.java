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
    private final GraphQLSchema apiSchema;
    private final Map<String, Subgraph> subgraphs;
    private final Map<String, Map<String, List<String>>> resolvers;
    private final Map<String, java.net.URI> addresses;
    private final Map<String, AccessRule> accessRules;
    private final Map<String, Map<String, String>> interfaceObjects;
    private final Map<String, Override> overrides;
    private final Map<String, java.util.Set<String>> tags;
    private final CostDirectives costs;

    /**
     * A field taken over with {@code @override(from:)}: {@code to} is the subgraph that declares the directive. With a
     * {@code label} the override is progressive: {@code to} resolves the field when the label is enabled for a request,
     * {@code from} when it is not; without one, {@code to} alone resolves it.
     */
    public record Override(String from, String to, String label) {

        public boolean involves(String subgraph) {
            return from.equals(subgraph) || to.equals(subgraph);
        }
    }

    Supergraph(String version, GraphQLSchema schema, GraphQLSchema apiSchema, Map<String, Subgraph> subgraphs,
               Map<String, Map<String, List<String>>> resolvers, Map<String, AccessRule> accessRules,
               Map<String, Map<String, String>> interfaceObjects) {
        this.version = version;
        this.schema = schema;
        this.apiSchema = apiSchema;
        this.subgraphs = Map.copyOf(subgraphs);
        this.resolvers = resolvers;
        this.addresses = Map.of();
        this.accessRules = Map.copyOf(accessRules);
        this.interfaceObjects = interfaceObjects;
        this.overrides = Map.of();
        this.tags = Map.of();
        this.costs = CostDirectives.NONE;
    }

    private Supergraph(Supergraph base, Map<String, java.net.URI> addresses, Map<String, Override> overrides) {
        this(base, base.apiSchema, addresses, overrides, base.tags, base.costs);
    }

    private Supergraph(Supergraph base, GraphQLSchema apiSchema, Map<String, java.net.URI> addresses, Map<String, Override> overrides,
                       Map<String, java.util.Set<String>> tags, CostDirectives costs) {
        this.version = base.version;
        this.schema = base.schema;
        this.apiSchema = apiSchema;
        this.subgraphs = base.subgraphs;
        this.resolvers = base.resolvers;
        this.addresses = Map.copyOf(addresses);
        this.accessRules = base.accessRules;
        this.interfaceObjects = base.interfaceObjects;
        this.overrides = Map.copyOf(overrides);
        this.tags = Map.copyOf(tags);
        this.costs = costs;
    }

    /** This supergraph with the {@code @tag} names of its elements, by type name or coordinate. */
    Supergraph withTags(Map<String, java.util.Set<String>> elementTags) {
        Map<String, java.util.Set<String>> copy = new java.util.LinkedHashMap<>();
        elementTags.forEach((coordinate, names) -> copy.put(coordinate, java.util.Set.copyOf(names)));
        return new Supergraph(this, apiSchema, addresses, overrides, copy, costs);
    }

    /** This supergraph with a narrower schema for clients: what a {@link Contract} leaves of {@link #apiSchema()}. */
    Supergraph withApiSchema(GraphQLSchema contractSchema) {
        return new Supergraph(this, contractSchema, addresses, overrides, tags, costs);
    }

    /** This supergraph with the {@code @cost} and {@code @listSize} directives of its schema files. */
    Supergraph withCosts(CostDirectives directives) {
        return new Supergraph(this, apiSchema, addresses, overrides, tags, directives);
    }

    /** The {@code @cost} and {@code @listSize} directives of the schema files: what an operation's cost is estimated from. */
    public CostDirectives costs() {
        return costs;
    }

    /**
     * The {@code @tag} names of each tagged element of the schema files, by coordinate: {@code Type},
     * {@code Type.field}, {@code Type.field(argument:)}, {@code Input.field}, {@code Enum.VALUE}.
     */
    public Map<String, java.util.Set<String>> tags() {
        return tags;
    }

    /** This supergraph with the {@code @override}s of its fields, by coordinate {@code Type.field}. */
    Supergraph withOverrides(Map<String, Override> fieldOverrides) {
        return new Supergraph(this, addresses, fieldOverrides);
    }

    /** This supergraph with default addresses for its subgraphs (an Apollo supergraph's {@code join__graph} URLs). */
    public Supergraph withAddresses(Map<String, java.net.URI> addresses) {
        return new Supergraph(this, addresses, overrides);
    }

    /**
     * The fields this caller may not read ({@code Type.field}, sorted): the planner leaves them out and the response
     * has {@code null} and an {@code UNAUTHORIZED_FIELD_OR_TYPE} error where they were asked for.
     */
    public java.util.SortedSet<String> deniedFields(boolean authenticated, java.util.Set<String> scopes) {
        java.util.SortedSet<String> denied = new java.util.TreeSet<>();
        accessRules.forEach((coordinate, rule) -> {
            if (!rule.allows(authenticated, scopes)) {
                denied.add(coordinate);
            }
        });
        return denied;
    }

    /** Subgraph addresses the schema itself names; configuration ({@code fedbff.services}) takes precedence. */
    public Map<String, java.net.URI> addresses() {
        return addresses;
    }

    /** A digest of the schema files: plans cached for one version are never used with another. */
    public String version() {
        return version;
    }

    /**
     * The whole composed schema without federation or connector machinery, {@code @inaccessible} elements included:
     * what planning and shaping work with.
     */
    public GraphQLSchema schema() {
        return schema;
    }

    /** The schema clients see: {@link #schema()} without {@code @inaccessible} elements; used to validate and introspect. */
    public GraphQLSchema apiSchema() {
        return apiSchema;
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

    /** The {@code @override} of {@code type.field}, or null when no subgraph took the field over. */
    public Override override(String type, String field) {
        return overrides.get(type + "." + field);
    }

    /** The labels of every progressive {@code @override} ({@code percent(25)}, or a name set per request), sorted. */
    public java.util.SortedSet<String> overrideLabels() {
        java.util.SortedSet<String> labels = new java.util.TreeSet<>();
        overrides.values().stream().map(Override::label).filter(java.util.Objects::nonNull).forEach(labels::add);
        return labels;
    }

    /**
     * The subgraphs that can resolve {@code type.field}, in schema-file order; a field taken over with a progressive
     * {@code @override} counts as taken over (see {@link #override}).
     */
    public List<String> resolvers(String type, String field) {
        return resolvers.getOrDefault(type, Map.of()).getOrDefault(field, List.of());
    }

    /** The first key by which {@code subgraph} resolves {@code type}, or null when it cannot. */
    public SelectionSet key(String subgraph, String type) {
        List<SelectionSet> keys = keys(subgraph, type);
        return keys.isEmpty() ? null : keys.get(0);
    }

    /** Every key by which {@code subgraph} resolves {@code type}, in declaration order. */
    public List<SelectionSet> keys(String subgraph, String type) {
        return subgraph(subgraph).keys().getOrDefault(localType(subgraph, type), List.of());
    }

    /**
     * The name by which {@code subgraph} knows {@code type}: the type itself, or for an implementation of an entity
     * interface that the subgraph declares as an {@code @interfaceObject}, that interface ({@code Book → Media}).
     */
    public String localType(String subgraph, String type) {
        return interfaceObjects.getOrDefault(subgraph, Map.of()).getOrDefault(type, type);
    }

    /** Whether {@code subgraph} declares {@code type} as an {@code @interfaceObject}: an interface of the schema, an object type there. */
    public boolean isInterfaceObject(String subgraph, String type) {
        return subgraph(subgraph).interfaceObjects().contains(type);
    }

    /**
     * The subgraphs that declare {@code type} as an interface with a resolvable {@code @key}: they answer a
     * representation of the interface with the concrete object, {@code __typename} included.
     */
    public List<String> entityInterfaceOwners(String type) {
        return subgraphs.values().stream()
                .filter(s -> !s.interfaceObjects().contains(type) && s.possibleTypes().containsKey(type) && s.keys().containsKey(type))
                .sorted(java.util.Comparator.comparing(Subgraph::file)).map(Subgraph::name).toList();
    }
}
