package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.compose.Supergraph;
import graphql.language.Field;
import graphql.language.OperationDefinition;
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
 * Turns an operation into a {@link QueryPlan} by searching the supergraph's {@link QueryGraph}. For every selection,
 * a {@link RouteFinder} decides how each field is reached from the subgraph the selection is planned in: in the fetch
 * already under way, or by handing the entity over by a key to a subgraph that resolves the field, after the key and
 * {@code @requires} fields are in; it picks the combination with the fewest sequential round trips, then the fewest
 * fetches. The planner then builds those routes into fetches whose dependencies are explicit (a fetch waits for every
 * fetch that brings its key or required fields), and a field no route reaches is a {@code QUERY_PLANNING_FAILED}
 * error that names the subgraphs tried, never a field silently left out.
 * <p>
 * Entity interfaces: a subgraph that declares an interface as an {@code @interfaceObject} receives implementations
 * as that interface ({@code {"__typename": "Media", "id": ...}}, selection {@code ... on Media}). Where such a
 * subgraph returns the interface, what it resolves stays in its fetch; {@code __typename}, fragments on concrete types
 * and fields it lacks first go through the subgraph that declares the interface with {@code @key}, which answers with
 * the concrete type, and continue per concrete type from there.
 * <p>
 * The query graph is built once per planner (once per supergraph); planning is bounded by a {@link PlanningBudget}.
 */
public final class QueryPlanner {

    private final Supergraph supergraph;
    private final QueryGraph graph;
    private final int maxSteps;

    public QueryPlanner(Supergraph supergraph) {
        this(supergraph, PlanningBudget.DEFAULT_STEPS);
    }

    /** @param maxSteps how many search steps planning one operation may take before it is a planning error */
    public QueryPlanner(Supergraph supergraph, int maxSteps) {
        this.supergraph = supergraph;
        this.graph = QueryGraph.of(supergraph);
        this.maxSteps = maxSteps;
    }

    public QueryGraph queryGraph() {
        return graph;
    }

    /** {@code variables} are read only by {@code @skip} and {@code @include}, which the plan resolves. */
    public QueryPlan plan(Operation operation, Map<String, Object> variables) {
        return plan(operation, variables, Set.of());
    }

    /** A plan that leaves out the fields ({@code Type.field}) the caller may not read. */
    public QueryPlan plan(Operation operation, Map<String, Object> variables, Set<String> deniedFields) {
        return plan(operation, variables, deniedFields, Set.of());
    }

    /**
     * As above, for a request whose enabled progressive-override labels are {@code overrideLabels}: a field overridden
     * with such a label comes from the overriding subgraph, one overridden with another label from the original.
     *
     * @throws PlanningException when the operation cannot be planned ({@code QUERY_PLANNING_FAILED} when no subgraph
     *                           can give a field it selects, or planning would exceed its budget)
     */
    public QueryPlan plan(Operation operation, Map<String, Object> variables, Set<String> deniedFields, Set<String> overrideLabels) {
        FieldCollector collector = new FieldCollector(supergraph.schema(), operation.fragments(), variables);
        PlanningBudget budget = new PlanningBudget(maxSteps, PlanningBudget.DEFAULT_DEPTH);
        RouteFinder finder = new RouteFinder(graph, collector, overrideLabels, deniedFields, budget);
        try {
            return new Planning(operation, finder, budget).run();
        } catch (StackOverflowError e) {
            throw new PlanningException("QUERY_PLANNING_FAILED", "planning this operation nests too deeply; split it into smaller operations");
        }
    }

    /** A field placed in a fetch: the fetch, and where its selection keeps it (null for a field left out). */
    private record Placed(FetchGroup group, SelectionBuilder.FieldBuilder field) {
    }

    /** The state of planning one operation. */
    private final class Planning {
        private final Operation operation;
        private final RouteFinder finder;
        private final FieldCollector collector;
        private final PlanningBudget budget;
        private final FetchGraph fetches = new FetchGraph(supergraph);
        private final List<String> introspection = new ArrayList<>();

        Planning(Operation operation, RouteFinder finder, PlanningBudget budget) {
            this.operation = operation;
            this.finder = finder;
            this.collector = finder.collector();
            this.budget = budget;
        }

        QueryPlan run() {
            GraphQLObjectType rootType = rootType();
            boolean sequential = operation.kind() == OperationDefinition.Operation.MUTATION;
            Map<String, List<Field>> fields = new LinkedHashMap<>();
            collector.collect(rootType, List.of(operation.definition().getSelectionSet())).forEach((key, occurrences) -> {
                String name = occurrences.get(0).getName();
                if (name.equals("__schema") || name.equals("__type")) {
                    introspection.add(key);
                } else if (!name.equals("__typename") && !finder.deniedField(rootType.getName(), name)) {
                    fields.put(key, occurrences);
                }
            });
            Decision roots = sequential ? null : finder.decideRoots(rootType.getName(), rootType, fields);
            if (roots != null && !roots.satisfiable()) {
                throw unsatisfiable(roots);
            }
            fields.forEach((key, occurrences) -> {
                Route route = sequential ? finder.rootRoute(rootType.getName(), rootType, occurrences) : roots.routes().get(key);
                placeRoot(rootType, key, occurrences, route, sequential);
            });
            return fetches.build(operation, sequential, List.copyOf(introspection));
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

        private void placeRoot(GraphQLObjectType rootType, String key, List<Field> occurrences, Route route, boolean sequential) {
            if (route instanceof Route.Split split) {
                for (Route.Part part : split.parts()) {
                    Route.Root root = (Route.Root) part.route();
                    FetchGroup group = fetches.root(root.edge().from.subgraph, rootType.getName(), sequential);
                    group.addClientField(key);
                    addField(group, root.edge(), rootType, occurrences, List.of(), group.selection, part.keys(), true);
                }
                return;
            }
            Route.Root root = (Route.Root) route;
            FetchGroup group = fetches.root(root.edge().from.subgraph, rootType.getName(), sequential);
            group.addClientField(key);
            addField(group, root.edge(), rootType, occurrences, List.of(), group.selection, null, true);
        }

        /**
         * Selects a field the fetch of {@code group} resolves ({@code edge}), and plans its selection from the field's
         * node; {@code only} keeps just those response keys of the selection (the part of a split one way resolves).
         */
        private SelectionBuilder.FieldBuilder addField(FetchGroup group, QueryGraph.FieldEdge edge, GraphQLFieldsContainer parent,
                                                       List<Field> occurrences, List<String> path, SelectionBuilder target,
                                                       Set<String> only, boolean client) {
            Field first = occurrences.get(0);
            GraphQLFieldDefinition definition = parent.getFieldDefinition(first.getName());
            GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(definition.getType());
            boolean composite = unwrapped instanceof GraphQLCompositeType;
            SelectionBuilder.FieldBuilder field = target.field(first, composite, client);
            if (!composite || edge.target == null) {
                return field;
            }
            budget.enter();
            try {
                List<String> subPath = childPath(path, field.key(), definition.getType());
                List<SelectionSet> subSelections = FieldCollector.subSelections(occurrences);
                if (unwrapped instanceof GraphQLObjectType object) {
                    placeAll(group, edge.target, object, restrict(collector.collect(object, subSelections), only), subPath, field.sub, client);
                } else if (edge.target.kind == QueryGraph.Kind.INTERFACE_OBJECT) {
                    placeOnInterfaceObject(group, edge.target, (GraphQLInterfaceType) unwrapped, subSelections, subPath, field.sub);
                } else {
                    field.sub.typename();
                    finder.members(edge.target, (GraphQLNamedType) unwrapped).forEach((type, node) -> {
                        Map<String, List<Field>> collected = collector.collect(type, subSelections);
                        if (!collected.isEmpty()) {
                            placeAll(group, node, type, collected, subPath, field.sub.fragment(type.getName()), client);
                        }
                    });
                }
            } finally {
                budget.leave();
            }
            return field;
        }

        private static Map<String, List<Field>> restrict(Map<String, List<Field>> fields, Set<String> only) {
            if (only == null) {
                return fields;
            }
            Map<String, List<Field>> kept = new LinkedHashMap<>(fields);
            kept.keySet().retainAll(only);
            return kept;
        }

        private void placeAll(FetchGroup group, QueryGraph.Node node, GraphQLFieldsContainer type, Map<String, List<Field>> fields,
                              List<String> path, SelectionBuilder target, boolean client) {
            Decision decision = finder.decide(node, type, fields, client);
            if (!decision.satisfiable()) {
                throw unsatisfiable(decision);
            }
            fields.forEach((key, occurrences) -> place(group, node, type, occurrences, path, target, decision.routes().get(key), client));
        }

        private PlanningException unsatisfiable(Decision decision) {
            String reasons = String.join("; ", new LinkedHashSet<>(decision.failures().values()));
            return new PlanningException("QUERY_PLANNING_FAILED", "no plan can resolve this operation: " + reasons);
        }

        /** Places one field by its route; returns where it landed. */
        private Placed place(FetchGroup group, QueryGraph.Node node, GraphQLFieldsContainer type, List<Field> occurrences, List<String> path,
                             SelectionBuilder target, Route route, boolean client) {
            budget.step();
            if (route instanceof Route.Direct direct) {
                return new Placed(group, addField(group, direct.edge(), type, occurrences, path, target, null, client));
            }
            if (route instanceof Route.Hop hop) {
                return handOver(group, node, type, occurrences, path, target, hop, null, client);
            }
            if (route instanceof Route.Split split) {
                Placed last = new Placed(group, null);
                for (Route.Part part : split.parts()) {
                    last = part.route() instanceof Route.Hop hop
                            ? handOver(group, node, type, occurrences, path, target, hop, part.keys(), client)
                            : new Placed(group, addField(group, ((Route.Direct) part.route()).edge(), type, occurrences, path, target,
                            part.keys(), client));
                }
                return last;
            }
            boolean typename = occurrences.get(0).getName().equals("__typename");
            return new Placed(group, typename ? target.field(occurrences.get(0), false, client) : null);
        }

        /**
         * Hands the entity over to the subgraph of {@code hop}: what that fetch needs in its representations (key fields,
         * {@code @requires} fields) is placed first, where their own routes say, and the new fetch waits for every
         * fetch they landed in.
         */
        private Placed handOver(FetchGroup group, QueryGraph.Node node, GraphQLFieldsContainer type, List<Field> occurrences,
                                List<String> path, SelectionBuilder target, Route.Hop hop, Set<String> only, boolean client) {
            String typeName = type.getName();
            QueryGraph.Node to = hop.key().to();
            Map<String, List<Field>> conditions = finder.conditions(type, hop.key().key(), hop.edge().requires);
            Set<String> keyNames = names(hop.key().key());
            if (supergraph.localType(group.subgraph, typeName).equals(typeName)) {
                target.typename();
            }
            List<Field> local = new ArrayList<>();
            Map<String, List<Field>> needed = new LinkedHashMap<>();
            conditions.forEach((key, fields) -> {
                Route route = hop.conditions().routes().get(key);
                boolean keyHere = keyNames.contains(key) && route instanceof Route.Direct direct
                        && (direct.sub() == null || direct.sub().fetches() == 0);
                if (keyHere) {
                    local.add(fields.get(0));
                } else {
                    needed.put(key, fields);
                }
            });
            Map<String, SelectionBuilder.FieldBuilder> sources = new LinkedHashMap<>();
            target.fieldSet(SelectionSet.newSelectionSet(new ArrayList<>(local)).build())
                    .forEach((field, builder) -> sources.put(field.getName(), builder));
            Set<FetchGroup> after = new LinkedHashSet<>();
            after.add(group);
            after.addAll(fetches.recording(() -> needed.forEach((key, fields) -> {
                Placed placed = place(group, node, type, fields, path, target, hop.conditions().routes().get(key), false);
                if (placed.field() != null) {
                    sources.put(fields.get(0).getName(), placed.field());
                }
            })));
            boolean mergeTypes = !supergraph.subgraph(to.subgraph).rest();
            FetchGroup child = fetches.entity(to.subgraph, typeName, to.type, path, mergeTypes, after);
            child.requiresFor(to.type).fieldSet(hop.key().key());
            if (hop.edge().requires != null) {
                child.requiresFor(to.type).fieldSet(hop.edge().requires);
            }
            child.sources.computeIfAbsent(to.type, t -> new LinkedHashMap<>()).putAll(sources);
            if (client) {
                child.addClientField(occurrences.get(0).getResultKey());
            }
            SelectionBuilder.FieldBuilder field = addField(child, hop.edge(), type, occurrences, path, child.selectionFor(to.type), only, client);
            return new Placed(child, field);
        }

        /**
         * Places the selection of a field whose type is an interface this subgraph has as an {@code @interfaceObject}:
         * the concrete type of each object is not known here. What this subgraph resolves for every implementation stays
         * in its fetch; interface fields another {@code @interfaceObject} subgraph resolves are handed over as the
         * interface; the rest ({@code __typename}, fragments on concrete types, fields of the implementations) waits for
         * a fetch from the subgraph that declares the entity interface, which answers with the concrete type.
         */
        private void placeOnInterfaceObject(FetchGroup group, QueryGraph.Node node, GraphQLInterfaceType iface, List<SelectionSet> subSelections,
                                            List<String> path, SelectionBuilder target) {
            Map<String, List<Field>> common = collector.collect(iface, subSelections);
            Map<GraphQLObjectType, Map<String, List<Field>>> perType = new LinkedHashMap<>();
            supergraph.schema().getImplementations(iface).forEach(type -> perType.put(type, collector.collect(type, subSelections)));
            Set<String> placed = new LinkedHashSet<>();
            boolean typeNeeded = perType.values().stream().anyMatch(fields -> !fields.equals(common));
            for (String key : allKeys(common, perType)) {
                List<Field> occurrences = allOccurrences(key, common, perType);
                String name = occurrences.get(0).getName();
                if (finder.deniedField(iface.getName(), name)) {
                    placed.add(key);
                    continue;
                }
                if (name.equals("__typename") || !sameField(occurrences)) {
                    typeNeeded = true;
                } else if (finder.resolvesHere(node, name)) {
                    QueryGraph.FieldEdge edge = finder.edge(node, name);
                    addField(group, edge, iface, occurrences, path, target, null, true);
                    placed.add(key);
                } else if (common.containsKey(key) && handOverToInterfaceObject(group, node, iface, occurrences, path, target)) {
                    placed.add(key);
                } else {
                    typeNeeded = true;
                }
            }
            if (typeNeeded) {
                resolveConcreteType(group, node, iface, perType, placed, path, target);
            }
        }

        /** An interface field that another {@code @interfaceObject} subgraph resolves: handed over as the interface itself. */
        private boolean handOverToInterfaceObject(FetchGroup group, QueryGraph.Node node, GraphQLInterfaceType iface, List<Field> occurrences,
                                                  List<String> path, SelectionBuilder target) {
            String name = occurrences.get(0).getName();
            QueryGraph.Node owner = null;
            for (QueryGraph.KeyEdge key : node.keyEdges()) {
                QueryGraph.Node to = key.to();
                if (!to.subgraph.equals(node.subgraph) && to.kind == QueryGraph.Kind.INTERFACE_OBJECT && finder.resolvesHere(to, name)) {
                    owner = to;
                    break;
                }
            }
            if (owner == null) {
                return false;
            }
            FetchGroup child = interfaceHandOver(group, node, iface, owner, path, target);
            child.addClientField(occurrences.get(0).getResultKey());
            addField(child, finder.edge(owner, name), iface, occurrences, path, child.selectionFor(iface.getName()), null, true);
            return true;
        }

        /**
         * The fetch from the subgraph that declares the entity interface: its answer carries each object's concrete
         * {@code __typename}; interface fields it resolves are selected on the interface, and what the client asks of each
         * implementation is placed from there as for any object of that type.
         */
        private void resolveConcreteType(FetchGroup group, QueryGraph.Node node, GraphQLInterfaceType iface,
                                         Map<GraphQLObjectType, Map<String, List<Field>>> perType, Set<String> placed, List<String> path,
                                         SelectionBuilder target) {
            List<String> owners = supergraph.entityInterfaceOwners(iface.getName());
            if (owners.isEmpty()) {
                throw new PlanningException("QUERY_PLANNING_FAILED", "the concrete type of " + iface.getName() + " from subgraph " + group.subgraph
                        + " cannot be known: no subgraph declares interface " + iface.getName() + " with a resolvable @key");
            }
            QueryGraph.Node ownerNode = graph.node(iface.getName(), owners.get(0));
            FetchGroup hop = interfaceHandOver(group, node, iface, ownerNode, path, target);
            SelectionBuilder onInterface = hop.selectionFor(iface.getName());
            onInterface.typename();
            for (Map.Entry<GraphQLObjectType, Map<String, List<Field>>> type : perType.entrySet()) {
                QueryGraph.Node memberNode = ownerNode.members().get(type.getKey().getName());
                type.getValue().forEach((key, occurrences) -> {
                    String name = occurrences.get(0).getName();
                    if (placed.contains(key) || name.equals("__typename")) {
                        return;
                    }
                    List<Field> all = allOccurrences(key, Map.of(), perType);
                    if (finder.resolvesHere(ownerNode, name) && sameField(all)) {
                        addField(hop, finder.edge(ownerNode, name), iface, all, path, onInterface, null, true);
                        placed.add(key);
                        hop.addClientField(key);
                        return;
                    }
                    if (memberNode == null) {
                        throw new PlanningException("QUERY_PLANNING_FAILED", "no plan can resolve this operation: subgraph \"" + owners.get(0)
                                + "\" does not define " + type.getKey().getName() + ", an implementation of " + iface.getName());
                    }
                    Map<String, List<Field>> one = Map.of(key, occurrences);
                    Decision decision = finder.decide(memberNode, type.getKey(), one, true);
                    if (!decision.satisfiable()) {
                        throw unsatisfiable(decision);
                    }
                    Placed landed = place(hop, memberNode, type.getKey(), occurrences, path, onInterface.fragment(type.getKey().getName()),
                            decision.routes().get(key), true);
                    if (landed.group() == hop) {
                        hop.addClientField(key);
                    }
                });
            }
        }

        /** A child entity fetch for objects known here only as the interface: sent with the interface's key. */
        private FetchGroup interfaceHandOver(FetchGroup group, QueryGraph.Node node, GraphQLInterfaceType iface, QueryGraph.Node owner,
                                             List<String> path, SelectionBuilder target) {
            String typeName = iface.getName();
            SelectionSet key = null;
            for (QueryGraph.KeyEdge edge : node.keyEdges()) {
                if (edge.to() == owner && names(edge.key()).stream().allMatch(field -> finder.resolvesHere(node, field))) {
                    key = edge.key();
                    break;
                }
            }
            if (key == null) {
                throw new PlanningException("QUERY_PLANNING_FAILED", typeName + " from subgraph " + group.subgraph + " cannot be handed to "
                        + owner.subgraph + ": subgraph \"" + group.subgraph + "\" cannot resolve the fields of any of its keys");
            }
            target.typename();
            Map<String, SelectionBuilder.FieldBuilder> sources = new LinkedHashMap<>();
            target.fieldSet(key).forEach((field, builder) -> sources.put(field.getName(), builder));
            FetchGroup child = fetches.entity(owner.subgraph, typeName, typeName, path, true, Set.of(group));
            child.requiresFor(typeName).fieldSet(key);
            child.sources.computeIfAbsent(typeName, t -> new LinkedHashMap<>()).putAll(sources);
            if (owner.kind == QueryGraph.Kind.INTERFACE_OBJECT) {
                supergraph.schema().getImplementations(iface).forEach(t -> child.representedAs.put(t.getName(), typeName));
            }
            return child;
        }
    }

    private static Set<String> names(SelectionSet fieldSet) {
        Set<String> names = new LinkedHashSet<>();
        fieldSet.getSelectionsOfType(Field.class).forEach(f -> names.add(f.getName()));
        return names;
    }

    /** Every response key of an interface's selection: those of the interface, then those only implementations have. */
    private static Set<String> allKeys(Map<String, List<Field>> common, Map<GraphQLObjectType, Map<String, List<Field>>> perType) {
        Set<String> keys = new LinkedHashSet<>(common.keySet());
        perType.values().forEach(fields -> keys.addAll(fields.keySet()));
        return keys;
    }

    /**
     * The occurrences of one response key in the selection of any implementation, in document order, or on the
     * interface itself when no implementation selects it (an interface without implementations in the supergraph).
     */
    private static List<Field> allOccurrences(String key, Map<String, List<Field>> common, Map<GraphQLObjectType, Map<String, List<Field>>> perType) {
        Set<Field> occurrences = new LinkedHashSet<>();
        perType.values().forEach(fields -> occurrences.addAll(fields.getOrDefault(key, List.of())));
        return occurrences.isEmpty() ? common.getOrDefault(key, List.of()) : List.copyOf(occurrences);
    }

    /** Whether the occurrences select one field with the same arguments, so one selection on the interface serves them all. */
    private static boolean sameField(List<Field> occurrences) {
        Field first = occurrences.get(0);
        String arguments = first.getArguments().stream().map(graphql.language.AstPrinter::printAstCompact).toList().toString();
        return occurrences.stream().allMatch(f -> f.getName().equals(first.getName())
                && f.getArguments().stream().map(graphql.language.AstPrinter::printAstCompact).toList().toString().equals(arguments));
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
