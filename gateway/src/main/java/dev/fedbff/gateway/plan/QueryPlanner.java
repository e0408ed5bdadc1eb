package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.compose.Connector;
import dev.fedbff.gateway.compose.Subgraph;
import dev.fedbff.gateway.compose.Supergraph;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an operation into a {@link QueryPlan}. Each field goes to the fetch of the subgraph already in use when
 * that subgraph can resolve it (directly, or because the parent field {@code @provides} it); otherwise the entity is
 * handed over, by a key, to a child fetch of a subgraph that can. Fields a hand-over needs first (key fields the
 * current subgraph lacks, {@code @requires} field sets) are planned before it, and the hand-over waits for the fetch
 * that brings them. Sibling fields owned by one subgraph share one child fetch, and each fetch's children run in
 * parallel.
 * <p>
 * Entity interfaces: a subgraph that declares an interface as an {@code @interfaceObject} receives implementations
 * as that interface ({@code {"__typename": "Media", "id": ...}}, selection {@code ... on Media}). Where such a
 * subgraph returns the interface, what it resolves stays in its fetch; {@code __typename}, fragments on concrete types
 * and fields it lacks first go through the subgraph that declares the interface with {@code @key}, which answers with
 * the concrete type, and continue per concrete type from there.
 */
public final class QueryPlanner {

    private final Supergraph supergraph;

    public QueryPlanner(Supergraph supergraph) {
        this.supergraph = supergraph;
    }

    /** {@code variables} are read only by {@code @skip} and {@code @include}, which the plan resolves. */
    public QueryPlan plan(Operation operation, Map<String, Object> variables) {
        return plan(operation, variables, Set.of());
    }

    /** A plan that leaves out the fields ({@code Type.field}) the caller may not read. */
    public QueryPlan plan(Operation operation, Map<String, Object> variables, Set<String> deniedFields) {
        return new Planning(operation, new FieldCollector(supergraph.schema(), operation.fragments(), variables), deniedFields).run();
    }

    /** The state of planning one operation. */
    private final class Planning {
        private final Operation operation;
        private final FieldCollector collector;
        private final Set<String> denied;
        private final List<FetchGroup> roots = new ArrayList<>();
        private final List<String> introspection = new ArrayList<>();
        private int nextId;

        Planning(Operation operation, FieldCollector collector, Set<String> denied) {
            this.operation = operation;
            this.collector = collector;
            this.denied = denied;
        }

        QueryPlan run() {
            GraphQLObjectType rootType = rootType();
            boolean sequential = operation.kind() == OperationDefinition.Operation.MUTATION;
            Map<String, List<Field>> fields = collector.collect(rootType, List.of(operation.definition().getSelectionSet()));
            fields.forEach((key, occurrences) -> planRootField(rootType, key, occurrences, sequential));
            roots.forEach(this::joinLaterFetches);
            List<FetchNode> nodes = roots.stream().map(this::build).toList();
            return new QueryPlan(sequential, nodes, List.copyOf(introspection));
        }

        private GraphQLObjectType rootType() {
            return switch (operation.kind()) {
                case QUERY -> supergraph.schema().getQueryType();
                case MUTATION -> {
                    if (supergraph.schema().getMutationType() == null) {
                        throw new PlanningException("MUTATIONS_UNSUPPORTED", "this graph defines no mutations");
                    }
                    yield supergraph.schema().getMutationType();
                }
                case SUBSCRIPTION -> throw new PlanningException("SUBSCRIPTIONS_UNSUPPORTED", "subscriptions are not supported yet; use a query");
            };
        }

        private void planRootField(GraphQLObjectType rootType, String key, List<Field> occurrences, boolean sequential) {
            String name = occurrences.get(0).getName();
            if (name.equals("__typename")) {
                return;
            }
            if (name.equals("__schema") || name.equals("__type")) {
                introspection.add(key);
                return;
            }
            if (denied.contains(rootType.getName() + "." + name)) {
                return;
            }
            List<String> owners = supergraph.resolvers(rootType.getName(), name);
            if (owners.isEmpty()) {
                throw new PlanningException("FIELD_NOT_RESOLVABLE", "no subgraph resolves " + rootType.getName() + "." + name);
            }
            FetchGroup group = rootGroup(bestOwner(owners, rootType, occurrences), rootType.getName(), sequential);
            group.clientFields.add(key);
            addField(group, rootType, occurrences, List.of(), group.selection);
        }

        private FetchGroup rootGroup(String subgraph, String rootType, boolean sequential) {
            if (sequential) {
                FetchGroup last = roots.isEmpty() ? null : roots.get(roots.size() - 1);
                if (last != null && last.subgraph.equals(subgraph)) {
                    return last;
                }
            } else {
                for (FetchGroup root : roots) {
                    if (root.subgraph.equals(subgraph)) {
                        return root;
                    }
                }
            }
            FetchGroup group = new FetchGroup(subgraph, rootType, false, List.of(), null);
            roots.add(group);
            return group;
        }

        private void addField(FetchGroup group, GraphQLFieldsContainer parent, List<Field> occurrences, List<String> path, SelectionBuilder target) {
            Field first = occurrences.get(0);
            GraphQLFieldDefinition definition = parent.getFieldDefinition(first.getName());
            GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(definition.getType());
            boolean composite = unwrapped instanceof GraphQLCompositeType;
            SelectionBuilder.FieldBuilder field = target.field(first, composite);
            if (!composite) {
                return;
            }
            List<String> subPath = childPath(path, first.getResultKey(), definition.getType());
            List<SelectionSet> subSelections = FieldCollector.subSelections(occurrences);
            SelectionSet provided = supergraph.subgraph(group.subgraph).provides().get(parent.getName() + "." + first.getName());
            if (unwrapped instanceof GraphQLObjectType object) {
                placeAll(group, object, collector.collect(object, subSelections), subPath, field.sub, provided);
                return;
            }
            if (unwrapped instanceof GraphQLInterfaceType iface && supergraph.isInterfaceObject(group.subgraph, iface.getName())) {
                placeOnInterfaceObject(group, iface, subSelections, subPath, field.sub, provided);
                return;
            }
            field.sub.typename();
            for (GraphQLObjectType possible : possibleTypes(group.subgraph, (GraphQLNamedType) unwrapped)) {
                Map<String, List<Field>> collected = collector.collect(possible, subSelections);
                if (!collected.isEmpty()) {
                    placeAll(group, possible, collected, subPath, field.sub.fragment(possible.getName()), provided);
                }
            }
        }

        /** The object types of an abstract type that this subgraph can return. */
        private List<GraphQLObjectType> possibleTypes(String subgraph, GraphQLNamedType abstractType) {
            Set<String> declared = supergraph.subgraph(subgraph).possibleTypes().getOrDefault(abstractType.getName(), Set.of());
            return supergraph.schema().getAllTypesAsList().stream()
                    .filter(t -> t instanceof GraphQLObjectType && declared.contains(t.getName())).map(t -> (GraphQLObjectType) t)
                    .filter(t -> supergraph.schema().isPossibleType(abstractType, t)).toList();
        }

        private void placeAll(FetchGroup group, GraphQLObjectType type, Map<String, List<Field>> fields, List<String> path,
                              SelectionBuilder target, SelectionSet provided) {
            fields.forEach((key, occurrences) -> place(group, type, occurrences, path, target, provided, true));
        }

        /** Places one field; returns the fetch that selects it. */
        private FetchGroup place(FetchGroup group, GraphQLObjectType type, List<Field> occurrences, List<String> path,
                            SelectionBuilder target, SelectionSet provided, boolean client) {
            String name = occurrences.get(0).getName();
            if (name.equals("__typename")) {
                target.field(occurrences.get(0), false);
                return group;
            }
            if (client && denied.contains(type.getName() + "." + name)) {
                return group;
            }
            if (resolvesHere(group.subgraph, type.getName(), name, provided)) {
                addField(group, type, occurrences, path, target);
                return group;
            }
            return handOver(group, type, occurrences, path, target, provided, client);
        }

        /** Whether the fetch of this subgraph can select the field as it stands, with no other fetch first. */
        private boolean resolvesHere(String subgraphName, String type, String field, SelectionSet provided) {
            Subgraph subgraph = supergraph.subgraph(subgraphName);
            if (provided != null && names(provided, type).contains(field)) {
                return true;
            }
            String local = supergraph.localType(subgraphName, type);
            boolean overriddenAway = !supergraph.resolvers(local, field).contains(subgraphName) && !subgraph.isKeyField(local, field);
            return subgraph.resolves(local, field) && !overriddenAway && !subgraph.requires().containsKey(local + "." + field);
        }

        /**
         * Places the selection of a field whose type is an interface this subgraph has as an {@code @interfaceObject}:
         * the concrete type of each object is not known here. What this subgraph resolves for every implementation stays
         * in its fetch; interface fields another {@code @interfaceObject} subgraph resolves are handed over as the
         * interface; the rest ({@code __typename}, fragments on concrete types, fields of the implementations) waits for
         * a fetch from the subgraph that declares the entity interface, which answers with the concrete type.
         */
        private void placeOnInterfaceObject(FetchGroup group, GraphQLInterfaceType iface, List<SelectionSet> subSelections, List<String> path,
                                            SelectionBuilder target, SelectionSet provided) {
            Map<String, List<Field>> common = collector.collect(iface, subSelections);
            Map<GraphQLObjectType, Map<String, List<Field>>> perType = new LinkedHashMap<>();
            supergraph.schema().getImplementations(iface).forEach(type -> perType.put(type, collector.collect(type, subSelections)));
            Set<String> placed = new LinkedHashSet<>();
            boolean typeNeeded = perType.values().stream().anyMatch(fields -> !fields.equals(common));
            for (String key : allKeys(common, perType)) {
                List<Field> occurrences = allOccurrences(key, perType);
                String name = occurrences.get(0).getName();
                if (denied.contains(iface.getName() + "." + name)) {
                    placed.add(key);
                    continue;
                }
                if (name.equals("__typename") || !sameField(occurrences)) {
                    typeNeeded = true;
                } else if (resolvesHere(group.subgraph, iface.getName(), name, provided)) {
                    addField(group, iface, occurrences, path, target);
                    placed.add(key);
                } else if (common.containsKey(key) && handOverToInterfaceObject(group, iface, occurrences, path, target, provided)) {
                    placed.add(key);
                } else {
                    typeNeeded = true;
                }
            }
            if (typeNeeded) {
                resolveConcreteType(group, iface, perType, placed, path, target, provided);
            }
        }

        /** An interface field that another {@code @interfaceObject} subgraph resolves: handed over as the interface itself. */
        private boolean handOverToInterfaceObject(FetchGroup group, GraphQLInterfaceType iface, List<Field> occurrences, List<String> path,
                                                  SelectionBuilder target, SelectionSet provided) {
            String name = occurrences.get(0).getName();
            String owner = supergraph.resolvers(iface.getName(), name).stream()
                    .filter(o -> !o.equals(group.subgraph) && supergraph.isInterfaceObject(o, iface.getName()))
                    .filter(o -> !supergraph.keys(o, iface.getName()).isEmpty()).findFirst().orElse(null);
            if (owner == null) {
                return false;
            }
            FetchGroup child = interfaceHandOver(group, iface, owner, path, target, provided);
            String responseKey = occurrences.get(0).getResultKey();
            if (!child.clientFields.contains(responseKey)) {
                child.clientFields.add(responseKey);
            }
            addField(child, iface, occurrences, path, child.selectionFor(iface.getName()));
            return true;
        }

        /**
         * The fetch from the subgraph that declares the entity interface: its answer carries each object's concrete
         * {@code __typename}; interface fields it resolves are selected on the interface, and what the client asks of each
         * implementation is placed from there as for any object of that type.
         */
        private void resolveConcreteType(FetchGroup group, GraphQLInterfaceType iface, Map<GraphQLObjectType, Map<String, List<Field>>> perType,
                                         Set<String> placed, List<String> path, SelectionBuilder target, SelectionSet provided) {
            List<String> owners = supergraph.entityInterfaceOwners(iface.getName());
            if (owners.isEmpty()) {
                throw new PlanningException("FIELD_NOT_RESOLVABLE", "the concrete type of " + iface.getName() + " from subgraph " + group.subgraph
                        + " cannot be known: no subgraph declares interface " + iface.getName() + " with a resolvable @key");
            }
            FetchGroup hop = interfaceHandOver(group, iface, owners.get(0), path, target, provided);
            SelectionBuilder onInterface = hop.selectionFor(iface.getName());
            onInterface.typename();
            for (Map.Entry<GraphQLObjectType, Map<String, List<Field>>> type : perType.entrySet()) {
                type.getValue().forEach((key, occurrences) -> {
                    String name = occurrences.get(0).getName();
                    if (placed.contains(key) || name.equals("__typename")) {
                        return;
                    }
                    if (resolvesHere(hop.subgraph, iface.getName(), name, null) && sameField(allOccurrences(key, perType))) {
                        addField(hop, iface, allOccurrences(key, perType), path, onInterface);
                        placed.add(key);
                        addClientField(hop, key);
                        return;
                    }
                    FetchGroup landed = place(hop, type.getKey(), occurrences, path, onInterface.fragment(type.getKey().getName()), null, true);
                    if (landed == hop) {
                        addClientField(hop, key);
                    }
                });
            }
        }

        /** A child entity fetch for objects known here only as the interface: sent with the interface's key. */
        private FetchGroup interfaceHandOver(FetchGroup group, GraphQLInterfaceType iface, String owner, List<String> path,
                                        SelectionBuilder target, SelectionSet provided) {
            String typeName = iface.getName();
            SelectionSet key = bestKey(group.subgraph, owner, typeName, provided);
            for (Field keyField : key.getSelectionsOfType(Field.class)) {
                if (!resolvesHere(group.subgraph, typeName, keyField.getName(), provided)) {
                    throw new PlanningException("FIELD_NOT_RESOLVABLE", typeName + " from subgraph " + group.subgraph + " cannot be handed to "
                            + owner + ": it does not resolve the key field " + typeName + "." + keyField.getName());
                }
            }
            target.typename();
            target.fieldSet(key);
            FetchGroup child = group.child(owner, typeName, typeName, path, true);
            child.requiresFor(typeName).fieldSet(key);
            if (supergraph.isInterfaceObject(owner, typeName)) {
                supergraph.schema().getImplementations(iface).forEach(t -> child.representedAs.put(t.getName(), typeName));
            }
            return child;
        }

        private static void addClientField(FetchGroup group, String responseKey) {
            if (!group.clientFields.contains(responseKey)) {
                group.clientFields.add(responseKey);
            }
        }

        /**
         * Moves a field the current fetch cannot select into a child entity fetch of a subgraph that can. What that
         * fetch needs in its representations and the current subgraph cannot give (key fields, {@code @requires}
         * fields) is planned first, and the child fetch waits for the fetch that brings it.
         */
        private FetchGroup handOver(FetchGroup group, GraphQLObjectType type, List<Field> occurrences, List<String> path,
                               SelectionBuilder target, SelectionSet provided, boolean client) {
            String typeName = type.getName();
            String fieldName = occurrences.get(0).getName();
            List<String> owners = supergraph.resolvers(typeName, fieldName).stream()
                    .filter(owner -> !supergraph.keys(owner, typeName).isEmpty()).toList();
            if (owners.isEmpty()) {
                throw new PlanningException("FIELD_NOT_RESOLVABLE", typeName + "." + fieldName + " cannot be reached from subgraph "
                        + group.subgraph + ": no subgraph that resolves it has a resolvable @key for " + typeName);
            }
            String owner = owners.stream().filter(o -> group.hasChild(o, supergraph.localType(o, typeName), path)).findFirst()
                    .orElseGet(() -> bestOwner(owners, type, occurrences));
            String ownerType = supergraph.localType(owner, typeName);
            SelectionSet key = bestKey(group.subgraph, owner, typeName, provided);
            List<Field> needed = new ArrayList<>();
            List<Field> local = new ArrayList<>();
            for (Field keyField : key.getSelectionsOfType(Field.class)) {
                (resolvesHere(group.subgraph, typeName, keyField.getName(), provided) ? local : needed).add(keyField);
            }
            SelectionSet requires = supergraph.subgraph(owner).requires().get(ownerType + "." + fieldName);
            if (requires != null) {
                needed.addAll(requires.getSelectionsOfType(Field.class));
            }
            if (supergraph.localType(group.subgraph, typeName).equals(typeName)) {
                target.typename();
            }
            target.fieldSet(SelectionSet.newSelectionSet(new ArrayList<Selection>(local)).build());
            FetchGroup provider = needed.isEmpty() ? group : planNeeds(group, type, needed, path, target, provided, typeName + "." + fieldName);
            FetchGroup child = provider.child(owner, typeName, ownerType, path, !supergraph.subgraph(owner).rest());
            child.requiresFor(ownerType).fieldSet(key);
            if (requires != null) {
                child.requiresFor(ownerType).fieldSet(requires);
            }
            String responseKey = occurrences.get(0).getResultKey();
            if (client && !child.clientFields.contains(responseKey)) {
                child.clientFields.add(responseKey);
            }
            addField(child, type, occurrences, path, child.selectionFor(ownerType));
            return child;
        }

        /** Plans the fields a hand-over needs; returns the one fetch after which they are all in the tree. */
        private FetchGroup planNeeds(FetchGroup group, GraphQLObjectType type, List<Field> needed, List<String> path,
                                SelectionBuilder target, SelectionSet provided, String coordinate) {
            Map<String, List<Field>> fields = collector.collect(type, List.of(SelectionSet.newSelectionSet(new ArrayList<Selection>(needed)).build()));
            Set<FetchGroup> landed = new LinkedHashSet<>();
            fields.forEach((key, occurrences) -> landed.add(place(group, type, occurrences, path, target, provided, false)));
            FetchGroup last = group;
            for (FetchGroup candidate : landed) {
                if (candidate == last || last.isAncestorOf(candidate)) {
                    last = candidate;
                } else if (!candidate.isAncestorOf(last)) {
                    throw new PlanningException("FIELD_NOT_RESOLVABLE", coordinate + " needs fields from several subgraphs at once ("
                            + last.subgraph + ", " + candidate.subgraph + "); such plans are not supported yet");
                }
            }
            return last;
        }

        /** The subgraph that can resolve the most of the field's selection itself, so the fewest hand-overs follow. */
        private String bestOwner(List<String> owners, GraphQLObjectType parent, List<Field> occurrences) {
            if (owners.size() == 1) {
                return owners.get(0);
            }
            String best = owners.get(0);
            int bestCoverage = -1;
            for (String owner : owners) {
                int coverage = coverage(owner, parent, occurrences, 0);
                if (coverage > bestCoverage) {
                    best = owner;
                    bestCoverage = coverage;
                }
            }
            return best;
        }

        private int coverage(String subgraph, GraphQLObjectType parent, List<Field> occurrences, int depth) {
            GraphQLFieldDefinition definition = parent.getFieldDefinition(occurrences.get(0).getName());
            if (definition == null || depth > 8 || !(GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLObjectType object)) {
                return 0;
            }
            SelectionSet provided = supergraph.subgraph(subgraph).provides().get(parent.getName() + "." + definition.getName());
            int covered = 0;
            for (List<Field> child : collector.collect(object, FieldCollector.subSelections(occurrences)).values()) {
                String name = child.get(0).getName();
                if (name.equals("__typename") || resolvesHere(subgraph, object.getName(), name, provided)) {
                    covered += 1 + coverage(subgraph, object, child, depth + 1);
                }
            }
            return covered;
        }

        /** The owner's key whose fields the current subgraph can give, or else its first key. */
        private SelectionSet bestKey(String current, String owner, String type, SelectionSet provided) {
            List<SelectionSet> keys = supergraph.keys(owner, type);
            for (SelectionSet key : keys) {
                if (key.getSelectionsOfType(Field.class).stream().allMatch(f -> resolvesHere(current, type, f.getName(), provided))) {
                    return key;
                }
            }
            return keys.get(0);
        }

        /**
         * Sends each child fetch that nothing waits for with a later fetch of the same subgraph, path and type under a
         * sibling (e.g. {@code inStock} with the {@code shippingEstimate} fetch that waits for its required fields):
         * one call fewer, and no fetch starts later than before.
         */
        private void joinLaterFetches(FetchGroup group) {
            for (FetchGroup child : List.copyOf(group.children)) {
                FetchGroup later = laterFetch(group, child);
                if (later != null) {
                    child.joinInto(later);
                    group.children.remove(child);
                }
            }
            group.children.forEach(this::joinLaterFetches);
        }

        private static FetchGroup laterFetch(FetchGroup parent, FetchGroup child) {
            for (FetchGroup sibling : parent.children) {
                if (sibling != child) {
                    FetchGroup found = descendantJoinableBy(sibling, child);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        private static FetchGroup descendantJoinableBy(FetchGroup root, FetchGroup child) {
            for (FetchGroup descendant : root.children) {
                if (child.canJoin(descendant)) {
                    return descendant;
                }
                FetchGroup deeper = descendantJoinableBy(descendant, child);
                if (deeper != null) {
                    return deeper;
                }
            }
            return null;
        }

        private FetchNode build(FetchGroup group) {
            int id = nextId++;
            SelectionSet selection = group.otherTypes.isEmpty() ? group.selection.build() : perType(group);
            List<String> variables = SubgraphOperations.variablesUsed(selection, operation.definition());
            String entityType = !group.entity ? null : group.otherTypes.isEmpty() ? group.parentType : "";
            String operationText = supergraph.subgraph(group.subgraph).rest() ? ""
                    : SubgraphOperations.print(operation, entityType, group.subgraph, id, selection, variables);
            SelectionSet requires = group.entity ? withTypename(group.requires.build()) : null;
            Map<String, SelectionSet> entityTypes = new LinkedHashMap<>();
            group.served.forEach((type, local) -> entityTypes.put(type, withTypename(group.requiresFor(local).build())));
            List<FetchNode> children = group.children.stream().map(this::build).toList();
            return new FetchNode(id, group.subgraph, group.parentType, group.entity, group.path, requires, selection,
                    List.copyOf(group.clientFields), operationText, variables, connectors(group, selection), children,
                    java.util.Collections.unmodifiableMap(entityTypes), Map.copyOf(group.representedAs));
        }

        /** One inline fragment per entity type: the selection of a fetch that serves several. */
        private static SelectionSet perType(FetchGroup group) {
            List<Selection> fragments = new ArrayList<>();
            fragments.add(fragment(group.parentType, group.selection));
            group.otherTypes.forEach((type, builder) -> fragments.add(fragment(type, builder)));
            return SelectionSet.newSelectionSet(fragments).build();
        }

        private static Selection fragment(String type, SelectionBuilder builder) {
            return graphql.language.InlineFragment.newInlineFragment().typeCondition(graphql.language.TypeName.newTypeName(type).build())
                    .selectionSet(builder.build()).build();
        }

        private Map<String, Connector> connectors(FetchGroup group, SelectionSet selection) {
            Subgraph subgraph = supergraph.subgraph(group.subgraph);
            if (!subgraph.rest()) {
                return Map.of();
            }
            Map<String, Connector> connectors = new LinkedHashMap<>();
            if (group.entity) {
                connectors.put(group.parentType, subgraph.entityConnectors().get(group.parentType));
                return connectors;
            }
            for (Field field : selection.getSelectionsOfType(Field.class)) {
                Connector connector = subgraph.rootConnectors().get(group.parentType + "." + field.getName());
                if (connector != null) {
                    connectors.put(field.getResultKey(), connector);
                }
            }
            return connectors;
        }
    }

    /** The fields a {@code @provides} field set names for {@code type}: its fields, and those of fragments on the type. */
    private static Set<String> names(SelectionSet fieldSet, String type) {
        Set<String> names = new LinkedHashSet<>();
        fieldSet.getSelectionsOfType(Field.class).forEach(f -> names.add(f.getName()));
        fieldSet.getSelectionsOfType(graphql.language.InlineFragment.class).stream()
                .filter(f -> f.getTypeCondition() != null && f.getTypeCondition().getName().equals(type))
                .forEach(f -> names.addAll(names(f.getSelectionSet(), type)));
        return names;
    }

    /** Every response key of an interface's selection: those of the interface, then those only implementations have. */
    private static Set<String> allKeys(Map<String, List<Field>> common, Map<GraphQLObjectType, Map<String, List<Field>>> perType) {
        Set<String> keys = new LinkedHashSet<>(common.keySet());
        perType.values().forEach(fields -> keys.addAll(fields.keySet()));
        return keys;
    }

    /** The occurrences of one response key in the selection of any implementation, in document order. */
    private static List<Field> allOccurrences(String key, Map<GraphQLObjectType, Map<String, List<Field>>> perType) {
        Set<Field> occurrences = new LinkedHashSet<>();
        perType.values().forEach(fields -> occurrences.addAll(fields.getOrDefault(key, List.of())));
        return List.copyOf(occurrences);
    }

    /** Whether the occurrences select one field with the same arguments, so one selection on the interface serves them all. */
    private static boolean sameField(List<Field> occurrences) {
        Field first = occurrences.get(0);
        String arguments = first.getArguments().stream().map(graphql.language.AstPrinter::printAstCompact).toList().toString();
        return occurrences.stream().allMatch(f -> f.getName().equals(first.getName())
                && f.getArguments().stream().map(graphql.language.AstPrinter::printAstCompact).toList().toString().equals(arguments));
    }

    private static SelectionSet withTypename(SelectionSet key) {
        List<Selection> selections = new ArrayList<>();
        selections.add(Field.newField("__typename").build());
        selections.addAll(key.getSelections());
        return SelectionSet.newSelectionSet(selections).build();
    }

    private static List<String> childPath(List<String> path, String key, GraphQLType type) {
        List<String> child = new ArrayList<>(path);
        child.add(key);
        GraphQLType current = type;
        while (current instanceof GraphQLNonNull || current instanceof GraphQLList) {
            if (current instanceof GraphQLList) {
                child.add("@");
            }
            current = GraphQLTypeUtil.unwrapOne(current);
        }
        return List.copyOf(child);
    }
}
