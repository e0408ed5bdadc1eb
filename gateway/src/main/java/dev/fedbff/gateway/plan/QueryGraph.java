package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.compose.Subgraph;
import dev.fedbff.gateway.compose.Supergraph;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.FieldDefinition;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query graph of a supergraph, built once per supergraph: one node per type per subgraph, and the ways a plan can
 * move between them. A <em>field edge</em> is a field the node's subgraph resolves (with the {@code @requires} field set
 * it needs, if any); a <em>key edge</em> hands an entity to another subgraph by one of its keys (also to the same
 * subgraph, which only a {@code @requires} field needs); a <em>downcast</em> goes from an interface or union to a member
 * type the subgraph knows. A field with {@code @provides} leads to a copy of its type's node that also has the provided
 * fields, nested provides included; an implementation of an entity interface has key edges to every subgraph that has
 * the interface as an {@code @interfaceObject}. A field taken over with a progressive {@code @override} has an edge in
 * both subgraphs, each valid for one state of the override's label.
 * <p>
 * Pure data once built; {@link #print()} shows it for debugging and golden tests.
 */
public final class QueryGraph {

    /** What a node stands for in its subgraph. */
    enum Kind { OBJECT, INTERFACE, UNION, INTERFACE_OBJECT }

    /** A type as one subgraph has it; a copy made by {@code @provides} also has the fields provided there. */
    static final class Node {
        final String type;
        final String subgraph;
        final Kind kind;
        final String providedBy;
        final Node base;
        final Map<String, FieldEdge> fields = new LinkedHashMap<>();
        final List<KeyEdge> keys = new ArrayList<>();
        final Map<String, Node> downcasts = new LinkedHashMap<>();

        Node(String type, String subgraph, Kind kind, String providedBy, Node base) {
            this.type = type;
            this.subgraph = subgraph;
            this.kind = kind;
            this.providedBy = providedBy;
            this.base = base == null ? this : base;
        }

        /** The field edge of this name, if this subgraph resolves the field here; a copy also has its provided fields. */
        FieldEdge field(String name) {
            FieldEdge edge = fields.get(name);
            return edge != null || base == this ? edge : base.fields.get(name);
        }

        /** The key edges out of this node: a copy hands over its entity as the node it copies does. */
        List<KeyEdge> keyEdges() {
            return base.keys;
        }

        /** The member types reachable from an interface or union; a copy's members carry what it provides. */
        Map<String, Node> members() {
            return downcasts.isEmpty() ? base.downcasts : downcasts;
        }

        boolean abstractType() {
            return kind == Kind.INTERFACE || kind == Kind.UNION;
        }

        String name() {
            return type + "@" + subgraph + (providedBy == null ? "" : "#provides(" + providedBy + ")");
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /**
     * A field its node's subgraph resolves. {@code target} is the node of the field's type there (null for a scalar
     * or enum); {@code requires} the field set a {@code @requires} asks for, or null; {@code label} the progressive
     * override label the edge depends on, or null, and {@code whenEnabled} which state of that label it needs;
     * {@code provided} marks a field the subgraph resolves only where a {@code @provides} says so.
     */
    static final class FieldEdge {
        final Node from;
        final String name;
        final Node target;
        final SelectionSet requires;
        final String label;
        final boolean whenEnabled;
        final boolean provided;

        FieldEdge(Node from, String name, Node target, SelectionSet requires, String label, boolean whenEnabled, boolean provided) {
            this.from = from;
            this.name = name;
            this.target = target;
            this.requires = requires;
            this.label = label;
            this.whenEnabled = whenEnabled;
            this.provided = provided;
        }

        /** Whether the edge exists for a request whose enabled override labels are {@code labels}. */
        boolean validFor(Set<String> labels) {
            return label == null || labels.contains(label) == whenEnabled;
        }

        FieldEdge withTarget(Node newFrom, Node newTarget, boolean isProvided) {
            return new FieldEdge(newFrom, name, newTarget, requires, label, whenEnabled, isProvided);
        }
    }

    /** A hand-over of the entity at {@code from} to {@code to}'s subgraph, by one of that subgraph's keys. */
    record KeyEdge(Node from, Node to, SelectionSet key) {
    }

    private final Supergraph supergraph;
    /** The subgraphs in schema-file order: the order ties between equally good plans are broken in. */
    private final List<Subgraph> subgraphs;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Node> copies = new ArrayList<>();

    private QueryGraph(Supergraph supergraph) {
        this.supergraph = supergraph;
        this.subgraphs = supergraph.subgraphs().stream().sorted(java.util.Comparator.comparing(Subgraph::file)).toList();
    }

    /** Builds the query graph of a supergraph. */
    public static QueryGraph of(Supergraph supergraph) {
        QueryGraph graph = new QueryGraph(supergraph);
        graph.build();
        return graph;
    }

    Supergraph supergraph() {
        return supergraph;
    }

    /** The node of {@code type} in {@code subgraph}, or null when that subgraph does not have the type. */
    Node node(String type, String subgraph) {
        return nodes.get(type + "@" + subgraph);
    }

    /** The root nodes ({@code Query}, {@code Mutation}) of every subgraph that has the root type, in subgraph order. */
    List<Node> roots(String rootType) {
        List<Node> roots = new ArrayList<>();
        for (Subgraph subgraph : subgraphs) {
            Node root = node(rootType, subgraph.name());
            if (root != null) {
                roots.add(root);
            }
        }
        return roots;
    }

    Collection<Node> nodes() {
        return nodes.values();
    }

    private void build() {
        for (Subgraph subgraph : subgraphs) {
            subgraph.fields().keySet().forEach(type -> addNode(type, subgraph));
            subgraph.possibleTypes().keySet().forEach(type -> addNode(type, subgraph));
        }
        for (Node node : List.copyOf(nodes.values())) {
            addFields(node);
            addDowncasts(node);
        }
        for (Node node : List.copyOf(nodes.values())) {
            addKeyEdges(node);
        }
        for (Node node : List.copyOf(nodes.values())) {
            addProvides(node);
        }
    }

    private void addNode(String type, Subgraph subgraph) {
        String id = type + "@" + subgraph.name();
        if (nodes.containsKey(id)) {
            return;
        }
        nodes.put(id, new Node(type, subgraph.name(), kind(type, subgraph), null, null));
    }

    private Kind kind(String type, Subgraph subgraph) {
        if (subgraph.interfaceObjects().contains(type)) {
            return Kind.INTERFACE_OBJECT;
        }
        graphql.schema.GraphQLType schemaType = supergraph.schema().getType(type);
        if (schemaType instanceof GraphQLUnionType) {
            return Kind.UNION;
        }
        if (schemaType instanceof GraphQLInterfaceType) {
            return Kind.INTERFACE;
        }
        return subgraph.fields().containsKey(type) || !subgraph.possibleTypes().containsKey(type) ? Kind.OBJECT : Kind.INTERFACE;
    }

    /**
     * The fields the node's subgraph resolves: those it defines and does not mark {@code @external} (key fields count:
     * every representation carries them), unless an {@code @override} moved them to another subgraph.
     */
    private void addFields(Node node) {
        Subgraph subgraph = supergraph.subgraph(node.subgraph);
        Map<String, FieldDefinition> fields = subgraph.fields().getOrDefault(node.type, Map.of());
        for (FieldDefinition definition : fields.values()) {
            String name = definition.getName();
            if (!subgraph.resolves(node.type, name)) {
                continue;
            }
            Supergraph.Override override = supergraph.override(node.type, name);
            boolean keyField = subgraph.isKeyField(node.type, name);
            String label = null;
            boolean whenEnabled = true;
            if (override != null && override.label() != null && !keyField && override.involves(node.subgraph)) {
                label = override.label();
                whenEnabled = override.to().equals(node.subgraph);
            } else if (!keyField && !supergraph.resolvers(node.type, name).contains(node.subgraph)) {
                continue;
            }
            SelectionSet requires = subgraph.requires().get(node.type + "." + name);
            node.fields.put(name, new FieldEdge(node, name, target(node.subgraph, definition), requires, label, whenEnabled, false));
        }
    }

    private Node target(String subgraph, FieldDefinition definition) {
        return node(graphql.schema.idl.TypeUtil.unwrapAll(definition.getType()).getName(), subgraph);
    }

    private void addDowncasts(Node node) {
        if (!node.abstractType()) {
            return;
        }
        Subgraph subgraph = supergraph.subgraph(node.subgraph);
        GraphQLNamedType abstractType = (GraphQLNamedType) supergraph.schema().getType(node.type);
        for (String member : subgraph.possibleTypes().getOrDefault(node.type, Set.of())) {
            Node memberNode = node(member, node.subgraph);
            boolean possible = abstractType != null && supergraph.schema().getType(member) instanceof GraphQLObjectType object
                    && supergraph.schema().isPossibleType(abstractType, object);
            if (memberNode != null && possible) {
                node.downcasts.put(member, memberNode);
            }
        }
    }

    /**
     * Key edges into every node of an entity type that its subgraph can resolve by a key: from the nodes of the same
     * type in every subgraph, and, for an {@code @interfaceObject}, from every implementation of the interface.
     */
    private void addKeyEdges(Node to) {
        List<SelectionSet> keys = supergraph.subgraph(to.subgraph).keys().getOrDefault(to.type, List.of());
        if (keys.isEmpty()) {
            return;
        }
        List<Node> sources = new ArrayList<>();
        for (Node from : nodes.values()) {
            if (from.type.equals(to.type) || to.kind == Kind.INTERFACE_OBJECT && implementsInterface(from.type, to.type)) {
                sources.add(from);
            }
        }
        for (Node from : sources) {
            keys.forEach(key -> from.keys.add(new KeyEdge(from, to, key)));
        }
    }

    private boolean implementsInterface(String type, String iface) {
        return supergraph.schema().getType(type) instanceof GraphQLObjectType object
                && supergraph.schema().getType(iface) instanceof GraphQLInterfaceType interfaceType
                && supergraph.schema().isPossibleType(interfaceType, object);
    }

    private void addProvides(Node node) {
        Subgraph subgraph = supergraph.subgraph(node.subgraph);
        for (FieldEdge edge : List.copyOf(node.fields.values())) {
            SelectionSet provided = subgraph.provides().get(node.type + "." + edge.name);
            if (provided != null && edge.target != null) {
                node.fields.put(edge.name, edge.withTarget(node, copy(edge.target, provided, node.type + "." + edge.name), false));
            }
        }
    }

    /** A copy of {@code base} that also resolves what {@code provided} names, nested selections and fragments included. */
    private Node copy(Node base, SelectionSet provided, String coordinate) {
        Node copy = new Node(base.type, base.subgraph, base.kind, coordinate, base);
        copies.add(copy);
        Subgraph subgraph = supergraph.subgraph(base.subgraph);
        for (Field field : provided.getSelectionsOfType(Field.class)) {
            provide(copy, subgraph, field);
        }
        if (base.abstractType()) {
            for (Map.Entry<String, Node> member : base.downcasts.entrySet()) {
                SelectionSet forMember = forMember(provided, member.getKey());
                copy.downcasts.put(member.getKey(), forMember.getSelections().isEmpty() ? member.getValue()
                        : copy(member.getValue(), forMember, coordinate));
            }
        }
        return copy;
    }

    private void provide(Node copy, Subgraph subgraph, Field field) {
        FieldEdge existing = copy.base.fields.get(field.getName());
        FieldDefinition definition = subgraph.fields().getOrDefault(copy.type, Map.of()).get(field.getName());
        if (existing == null && definition == null) {
            return;
        }
        Node target = existing != null ? existing.target : target(copy.subgraph, definition);
        if (field.getSelectionSet() != null && target != null) {
            target = copy(target, field.getSelectionSet(), copy.providedBy);
        }
        FieldEdge edge = existing != null ? existing.withTarget(copy, target, existing.provided)
                : new FieldEdge(copy, field.getName(), target, null, null, true, true);
        copy.fields.put(field.getName(), edge);
    }

    /** The part of a {@code @provides} field set that applies to one member type: its fields and the fragments on the member. */
    private static SelectionSet forMember(SelectionSet provided, String member) {
        List<Selection> selections = new ArrayList<>(provided.getSelectionsOfType(Field.class));
        for (InlineFragment fragment : provided.getSelectionsOfType(InlineFragment.class)) {
            if (fragment.getTypeCondition() != null && fragment.getTypeCondition().getName().equals(member)) {
                selections.addAll(fragment.getSelectionSet().getSelections());
            }
        }
        return SelectionSet.newSelectionSet(selections).build();
    }

    /**
     * The graph as text: each node with its field edges ({@code requires}, {@code provided}, override labels), its key
     * edges ({@code => Type@subgraph key { ... }}) and its downcasts, nodes in subgraph order and copies after them.
     */
    public String print() {
        StringBuilder out = new StringBuilder("QueryGraph {\n");
        List<Node> all = new ArrayList<>();
        for (Subgraph subgraph : subgraphs) {
            nodes.values().stream().filter(n -> n.subgraph.equals(subgraph.name())).forEach(all::add);
        }
        all.addAll(copies);
        for (Node node : all) {
            printNode(node, out);
        }
        return out.append("}\n").toString();
    }

    private static void printNode(Node node, StringBuilder out) {
        out.append("  ").append(node.name()).append(node.kind == Kind.OBJECT ? "" : " (" + node.kind.name().toLowerCase().replace('_', ' ') + ")")
                .append('\n');
        for (FieldEdge edge : node.fields.values()) {
            out.append("    ").append(edge.name);
            if (edge.target != null) {
                out.append(" -> ").append(edge.target.name());
            }
            if (edge.requires != null) {
                out.append(" requires ").append(compact(edge.requires));
            }
            if (edge.provided) {
                out.append(" (provided)");
            }
            if (edge.label != null) {
                out.append(" (override label \"").append(edge.label).append(edge.whenEnabled ? "\" enabled)" : "\" disabled)");
            }
            out.append('\n');
        }
        for (Map.Entry<String, Node> member : node.downcasts.entrySet()) {
            out.append("    ... on ").append(member.getKey()).append(" -> ").append(member.getValue().name()).append('\n');
        }
        for (KeyEdge key : node.keys) {
            out.append("    => ").append(key.to().name()).append(" key ").append(compact(key.key())).append('\n');
        }
    }

    private static String compact(SelectionSet selection) {
        return AstPrinter.printAstCompact(selection);
    }

    static String typeName(graphql.schema.GraphQLType type) {
        return ((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type)).getName();
    }
}
