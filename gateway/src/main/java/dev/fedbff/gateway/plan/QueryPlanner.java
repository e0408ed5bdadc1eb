package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.compose.Supergraph;
import graphql.execution.RawVariables;
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

    /** The planning steps one operation may take by default (see {@link #QueryPlanner(Supergraph, int)}). */
    public static final int DEFAULT_STEPS = PlanningBudget.DEFAULT_STEPS;

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
    public QueryPlan plan(Operation operation, RawVariables variables) {
        return plan(operation, variables, Set.of());
    }

    /** A plan that leaves out the fields ({@code Type.field}) the caller may not read. */
    public QueryPlan plan(Operation operation, RawVariables variables, Set<String> deniedFields) {
        return plan(operation, variables, deniedFields, Set.of());
    }

    /**
     * As above, for a request whose enabled progressive-override labels are {@code overrideLabels}: a field overridden
     * with such a label comes from the overriding subgraph, one overridden with another label from the original.
     *
     * @throws PlanningException when the operation cannot be planned ({@code QUERY_PLANNING_FAILED} when no subgraph
     *                           can give a field it selects, or planning would exceed its budget)
     */
    public QueryPlan plan(Operation operation, RawVariables variables, Set<String> deniedFields, Set<String> overrideLabels) {
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
        private final PlanningBudget budget;
        private final FetchGraph fetches = new FetchGraph(supergraph);
        private final List<String> introspection = new ArrayList<>();

        Planning(Operation operation, RouteFinder finder, PlanningBudget budget) {
            this.operation = operation;
            this.finder = finder;
            this.budget = budget;
        }

        QueryPlan run() {
            GraphQLObjectType rootType = rootType();
            boolean sequential = operation.kind() == OperationDefinition.Operation.MUTATION;
            Map<String, List<Field>> fields = new LinkedHashMap<>();
            finder.collect(rootType, List.of(operation.definition().getSelectionSet())).forEach((key, occurrences) -> {
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
            List<Route.Part> parts = route instanceof Route.Split split ? split.parts() : List.of(new Route.Part(route, occurrences));
            for (Route.Part part : parts) {
                Route.Root root = (Route.Root) part.route();
                FetchGroup group = fetches.root(root.edge().from.subgraph, rootType.getName(), sequential);
                group.addClientField(key);
                addField(new At(group, root.edge().from, rootType, List.of(), group.selection, true), root.edge(), part.occurrences());
            }
        }

        /** Selects a field the fetch resolves ({@code edge}), and plans its selection from the field's node. */
        private SelectionBuilder.FieldBuilder addField(At at, QueryGraph.FieldEdge edge, List<Field> occurrences) {
            Field first = occurrences.get(0);
            GraphQLFieldDefinition definition = at.type().getFieldDefinition(first.getName());
            GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(definition.getType());
            boolean composite = unwrapped instanceof GraphQLCompositeType;
            SelectionBuilder.FieldBuilder field = at.target().field(first, composite, at.client());
            if (!composite || edge.target == null) {
                return field;
            }
            budget.enter();
            try {
                List<String> path = childPath(at.path(), field.key(), definition.getType());
                List<SelectionSet> subSelections = FieldCollector.subSelections(occurrences);
                if (unwrapped instanceof GraphQLObjectType object) {
                    placeAll(at.below(edge.target, object, path, field.sub), finder.collect(object, subSelections));
                } else if (edge.target.kind == QueryGraph.Kind.INTERFACE_OBJECT) {
                    placeOnInterfaceObject(at.below(edge.target, (GraphQLInterfaceType) unwrapped, path, field.sub), subSelections);
                } else {
                    field.sub.typename();
                    finder.members(edge.target, (GraphQLNamedType) unwrapped).forEach((type, node) -> {
                        Map<String, List<Field>> collected = finder.collect(type, subSelections);
                        if (!collected.isEmpty()) {
                            placeAll(at.below(node, type, path, field.sub.fragment(type.getName())), collected);
                        }
                    });
                }
            } finally {
                budget.leave();
            }
            return field;
        }

        private void placeAll(At at, Map<String, List<Field>> fields) {
            Decision decision = finder.decide(at.node(), at.type(), fields, at.client());
            if (!decision.satisfiable()) {
                throw unsatisfiable(decision);
            }
            fields.forEach((key, occurrences) -> place(at, occurrences, decision.routes().get(key)));
        }

        private PlanningException unsatisfiable(Decision decision) {
            String reasons = String.join("; ", new LinkedHashSet<>(decision.failures().values()));
            return new PlanningException("QUERY_PLANNING_FAILED", "no plan can resolve this operation: " + reasons);
        }

        /** Places one field by its route; returns where it landed. */
        private Placed place(At at, List<Field> occurrences, Route route) {
            budget.step();
            if (route instanceof Route.Direct direct) {
                return new Placed(at.group(), addField(at, direct.edge(), occurrences));
            }
            if (route instanceof Route.Hop hop) {
                return handOver(at, occurrences, hop);
            }
            if (route instanceof Route.Split split) {
                Placed last = new Placed(at.group(), null);
                for (Route.Part part : split.parts()) {
                    last = place(at, part.occurrences(), part.route());
                }
                return last;
            }
            boolean typename = occurrences.get(0).getName().equals("__typename");
            return new Placed(at.group(), typename ? at.target().field(occurrences.get(0), false, at.client()) : null);
        }

        /**
         * Hands the entity over to the subgraph of {@code hop}: what that fetch needs in its representations (key fields,
         * {@code @requires} fields) is placed first, where their own routes say, and the new fetch waits for every
         * fetch they landed in.
         */
        private Placed handOver(At at, List<Field> occurrences, Route.Hop hop) {
            String typeName = at.type().getName();
            QueryGraph.Node to = hop.key().to();
            if (supergraph.localType(at.group().subgraph, typeName).equals(typeName)) {
                at.target().typename();
            }
            Set<String> keyNames = names(hop.key().key());
            List<Field> local = new ArrayList<>();
            Map<String, List<Field>> needed = new LinkedHashMap<>();
            finder.conditions(at.type(), hop.key().key(), hop.edge().requires).forEach((key, fields) -> {
                boolean keyHere = keyNames.contains(key) && hop.conditions().routes().get(key) instanceof Route.Direct direct
                        && (direct.sub() == null || direct.sub().fetches() == 0);
                if (keyHere) {
                    local.add(fields.get(0));
                } else {
                    needed.put(key, fields);
                }
            });
            Map<String, SelectionBuilder.FieldBuilder> sources = new LinkedHashMap<>();
            at.target().fieldSet(SelectionSet.newSelectionSet(new ArrayList<>(local)).build())
                    .forEach((field, builder) -> sources.put(field.getName(), builder));
            At conditions = at.forPlan();
            Set<FetchGroup> after = new LinkedHashSet<>();
            after.add(at.group());
            after.addAll(fetches.recording(() -> needed.forEach((key, fields) -> {
                Placed placed = place(conditions, fields, hop.conditions().routes().get(key));
                if (placed.field() != null) {
                    sources.put(fields.get(0).getName(), placed.field());
                }
            })));
            FetchGroup child = fetches.entity(to.subgraph, typeName, to.type, at.path(), !supergraph.subgraph(to.subgraph).rest(), after);
            child.requiresFor(to.type).fieldSet(hop.key().key());
            if (hop.edge().requires != null) {
                child.requiresFor(to.type).fieldSet(hop.edge().requires);
            }
            child.sources.computeIfAbsent(to.type, t -> new LinkedHashMap<>()).putAll(sources);
            if (at.client()) {
                child.addClientField(occurrences.get(0).getResultKey());
            }
            At there = new At(child, to, at.type(), at.path(), child.selectionFor(to.type), at.client());
            return new Placed(child, addField(there, hop.edge(), occurrences));
        }

        /**
         * Places the selection of a field whose type is an interface this subgraph has as an {@code @interfaceObject}:
         * the concrete type of each object is not known here. What this subgraph resolves for every implementation stays
         * in its fetch; interface fields another {@code @interfaceObject} subgraph resolves are handed over as the
         * interface; the rest ({@code __typename}, fragments on concrete types, fields of the implementations) waits for
         * a fetch from the subgraph that declares the entity interface, which answers with the concrete type.
         */
        private void placeOnInterfaceObject(At at, List<SelectionSet> subSelections) {
            GraphQLInterfaceType iface = (GraphQLInterfaceType) at.type();
            Map<String, List<Field>> common = finder.collect(iface, subSelections);
            Map<GraphQLObjectType, Map<String, List<Field>>> perType = new LinkedHashMap<>();
            supergraph.schema().getImplementations(iface).forEach(type -> perType.put(type, finder.collect(type, subSelections)));
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
                } else if (finder.resolvesHere(at.node(), name)) {
                    addField(at, finder.edge(at.node(), name), occurrences);
                    placed.add(key);
                } else if (common.containsKey(key) && handOverToInterfaceObject(at, occurrences)) {
                    placed.add(key);
                } else {
                    typeNeeded = true;
                }
            }
            if (typeNeeded) {
                resolveConcreteType(at, perType, placed);
            }
        }

        /** An interface field that another {@code @interfaceObject} subgraph resolves: handed over as the interface itself. */
        private boolean handOverToInterfaceObject(At at, List<Field> occurrences) {
            String name = occurrences.get(0).getName();
            QueryGraph.Node owner = null;
            for (QueryGraph.KeyEdge key : at.node().keyEdges()) {
                QueryGraph.Node to = key.to();
                if (!to.subgraph.equals(at.node().subgraph) && to.kind == QueryGraph.Kind.INTERFACE_OBJECT && finder.resolvesHere(to, name)) {
                    owner = to;
                    break;
                }
            }
            if (owner == null) {
                return false;
            }
            FetchGroup child = interfaceHandOver(at, owner);
            child.addClientField(occurrences.get(0).getResultKey());
            addField(new At(child, owner, at.type(), at.path(), child.selectionFor(at.type().getName()), true), finder.edge(owner, name), occurrences);
            return true;
        }

        /**
         * The fetch from the subgraph that declares the entity interface: its answer carries each object's concrete
         * {@code __typename}; interface fields it resolves are selected on the interface, and what the client asks of each
         * implementation is placed from there as for any object of that type.
         */
        private void resolveConcreteType(At at, Map<GraphQLObjectType, Map<String, List<Field>>> perType, Set<String> placed) {
            String iface = at.type().getName();
            List<String> owners = supergraph.entityInterfaceOwners(iface);
            if (owners.isEmpty()) {
                throw new PlanningException("QUERY_PLANNING_FAILED", "the concrete type of " + iface + " from subgraph " + at.group().subgraph
                        + " cannot be known: no subgraph declares interface " + iface + " with a resolvable @key");
            }
            QueryGraph.Node ownerNode = graph.node(iface, owners.get(0));
            FetchGroup hop = interfaceHandOver(at, ownerNode);
            At onInterface = new At(hop, ownerNode, at.type(), at.path(), hop.selectionFor(iface), true);
            onInterface.target().typename();
            for (Map.Entry<GraphQLObjectType, Map<String, List<Field>>> type : perType.entrySet()) {
                type.getValue().forEach((key, occurrences) -> {
                    String name = occurrences.get(0).getName();
                    if (placed.contains(key) || name.equals("__typename")) {
                        return;
                    }
                    List<Field> all = allOccurrences(key, Map.of(), perType);
                    if (finder.resolvesHere(ownerNode, name) && sameField(all)) {
                        addField(onInterface, finder.edge(ownerNode, name), all);
                        placed.add(key);
                        hop.addClientField(key);
                        return;
                    }
                    if (placeOnImplementation(onInterface, type.getKey(), occurrences).group() == hop) {
                        hop.addClientField(key);
                    }
                });
            }
        }

        /** One field of an implementation, placed from the entity-interface subgraph's node of that implementation. */
        private Placed placeOnImplementation(At onInterface, GraphQLObjectType type, List<Field> occurrences) {
            QueryGraph.Node member = onInterface.node().members().get(type.getName());
            if (member == null) {
                throw new PlanningException("QUERY_PLANNING_FAILED", "no plan can resolve this operation: subgraph \"" + onInterface.node().subgraph
                        + "\" does not define " + type.getName() + ", an implementation of " + onInterface.type().getName());
            }
            String key = occurrences.get(0).getResultKey();
            Decision decision = finder.decide(member, type, Map.of(key, occurrences), true);
            if (!decision.satisfiable()) {
                throw unsatisfiable(decision);
            }
            At there = new At(onInterface.group(), member, type, onInterface.path(), onInterface.target().fragment(type.getName()), true);
            return place(there, occurrences, decision.routes().get(key));
        }

        /** A child entity fetch for objects known here only as the interface: sent with the interface's key. */
        private FetchGroup interfaceHandOver(At at, QueryGraph.Node owner) {
            String typeName = at.type().getName();
            SelectionSet key = null;
            for (QueryGraph.KeyEdge edge : at.node().keyEdges()) {
                if (edge.to() == owner && names(edge.key()).stream().allMatch(field -> finder.resolvesHere(at.node(), field))) {
                    key = edge.key();
                    break;
                }
            }
            if (key == null) {
                throw new PlanningException("QUERY_PLANNING_FAILED", typeName + " from subgraph " + at.group().subgraph + " cannot be handed to "
                        + owner.subgraph + ": subgraph \"" + at.group().subgraph + "\" cannot resolve the fields of any of its keys");
            }
            at.target().typename();
            Map<String, SelectionBuilder.FieldBuilder> sources = new LinkedHashMap<>();
            at.target().fieldSet(key).forEach((field, builder) -> sources.put(field.getName(), builder));
            FetchGroup child = fetches.entity(owner.subgraph, typeName, typeName, at.path(), true, Set.of(at.group()));
            child.requiresFor(typeName).fieldSet(key);
            child.sources.computeIfAbsent(typeName, t -> new LinkedHashMap<>()).putAll(sources);
            if (owner.kind == QueryGraph.Kind.INTERFACE_OBJECT) {
                supergraph.schema().getImplementations((GraphQLInterfaceType) at.type()).forEach(t -> child.representedAs.put(t.getName(), typeName));
            }
            return child;
        }
    }

    /**
     * Where a selection is placed: the fetch it goes in, the query-graph node and type it is planned at, the response path
     * of its objects, the selection it is added to, and whether it is the client's (or fields the plan needs).
     */
    private record At(FetchGroup group, QueryGraph.Node node, GraphQLFieldsContainer type, List<String> path, SelectionBuilder target,
                      boolean client) {

        /** The selection of a field below: same fetch, the field's node and type, path and sub-selection. */
        At below(QueryGraph.Node node, GraphQLFieldsContainer type, List<String> path, SelectionBuilder target) {
            return new At(group, node, type, path, target, client);
        }

        /** The same place, for fields the plan needs (key and required fields) rather than the client's. */
        At forPlan() {
            return new At(group, node, type, path, target, false);
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
