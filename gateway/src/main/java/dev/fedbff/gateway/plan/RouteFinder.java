package dev.fedbff.gateway.plan;

import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLImplementingType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search over the query graph for one operation: for every field of a selection at a node, the ways to resolve it
 * (in the fetch already under way, by handing the entity over by one of its keys after the key and
 * {@code @requires} fields are in, or, for a value type, split over several ways), and for the whole selection the
 * combination of ways with the fewest sequential round trips, then the fewest fetches, then the least payload.
 * <p>
 * Each (node, selection) is decided once. Combinations are searched branch and bound from a greedy first answer,
 * within a step budget per selection (the best found so far is kept when it runs out); the whole search shares the
 * operation's {@link PlanningBudget}. A field no way reaches gets a reason naming every subgraph tried.
 */
final class RouteFinder {

    private static final int COMBINATIONS_PER_SELECTION = 4096;
    private static final String CYCLE = "it is needed to reach itself";

    private final QueryGraph graph;
    private final GraphQLSchema schema;
    private final FieldCollector collector;
    private final Set<String> labels;
    private final Set<String> denied;
    private final PlanningBudget budget;
    private final Map<Key, Decision> decided = new HashMap<>();
    private final Map<Collected, Map<String, List<Field>>> collected = new HashMap<>();
    private final List<Key> inProgress = new ArrayList<>();
    private final List<Boolean> tainted = new ArrayList<>();

    /** A selection at a node: the node, the type it is collected for, whether it is the client's, and its fields (by identity). */
    private record Key(QueryGraph.Node node, String type, boolean client, List<List<Field>> fields) {
    }

    /** A selection collected for a type: the type's name and the selection sets (by identity). */
    private record Collected(String type, List<SelectionSet> selections) {
    }

    RouteFinder(QueryGraph graph, FieldCollector collector, Set<String> labels, Set<String> denied, PlanningBudget budget) {
        this.graph = graph;
        this.schema = graph.supergraph().schema();
        this.collector = collector;
        this.labels = labels;
        this.denied = denied;
        this.budget = budget;
    }

    /**
     * The fields {@code selections} ask of {@code type} ({@link FieldCollector}), collected once per operation: the
     * search and the planner ask for the same selections many times. The map is shared: read it, never change it.
     */
    Map<String, List<Field>> collect(GraphQLImplementingType type, List<SelectionSet> selections) {
        return collected.computeIfAbsent(new Collected(type.getName(), selections), key -> collector.collect(type, selections));
    }

    /** The field edge of this name at the node, if it exists for this request's override labels. */
    QueryGraph.FieldEdge edge(QueryGraph.Node node, String name) {
        QueryGraph.FieldEdge edge = node.field(name);
        return edge != null && edge.validFor(labels) ? edge : null;
    }

    /** Whether the caller may not read {@code type.field}: the plan leaves such fields out. */
    boolean deniedField(String type, String field) {
        return denied.contains(type + "." + field);
    }

    /** Whether the node's fetch can select the field as it stands: an edge without {@code @requires}. */
    boolean resolvesHere(QueryGraph.Node node, String name) {
        QueryGraph.FieldEdge edge = edge(node, name);
        return edge != null && edge.requires == null;
    }

    /** The routes of the root fields of an operation (not mutations): each from the subgraph whose root fetch costs least. */
    Decision decideRoots(String rootType, GraphQLObjectType type, Map<String, List<Field>> fields) {
        Map<String, List<Route>> options = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Map.Entry<String, List<Field>> field : fields.entrySet()) {
            List<Route> routes = rootOptions(rootType, type, field.getValue());
            if (routes.isEmpty()) {
                failures.put(field.getKey(), rootFailure(rootType, field.getValue()));
            } else {
                options.put(field.getKey(), routes);
            }
        }
        return combine(options, failures);
    }

    /** The cheapest root field route for one field: used one field at a time for mutations, which run in order. */
    Route rootRoute(String rootType, GraphQLObjectType type, List<Field> occurrences) {
        List<Route> routes = rootOptions(rootType, type, occurrences);
        if (routes.isEmpty()) {
            throw new PlanningException("QUERY_PLANNING_FAILED", rootFailure(rootType, occurrences));
        }
        return combine(Map.of("", routes), Map.of()).routes().get("");
    }

    private List<Route> rootOptions(String rootType, GraphQLObjectType type, List<Field> occurrences) {
        List<Route> routes = new ArrayList<>();
        List<Route> partial = new ArrayList<>();
        for (QueryGraph.Node root : graph.roots(rootType)) {
            QueryGraph.FieldEdge edge = edge(root, occurrences.get(0).getName());
            if (edge == null || edge.requires != null) {
                continue;
            }
            Decision sub = sub(edge, type, occurrences);
            (sub == null || sub.satisfiable() ? routes : partial).add(new Route.Root(edge, sub));
        }
        budget.step();
        if (routes.isEmpty() && !partial.isEmpty()) {
            Route split = split(partial, type, occurrences);
            if (split != null) {
                routes.add(split);
            }
        }
        return routes;
    }

    private String rootFailure(String rootType, List<Field> occurrences) {
        String name = occurrences.get(0).getName();
        List<String> tried = new ArrayList<>();
        for (QueryGraph.Node root : graph.roots(rootType)) {
            QueryGraph.FieldEdge edge = edge(root, name);
            if (edge == null) {
                continue;
            }
            GraphQLFieldsContainer parent = (GraphQLFieldsContainer) schema.getType(rootType);
            Decision sub = sub(edge, parent, occurrences);
            tried.add("from subgraph \"" + root.subgraph + "\": " + (sub == null ? "it needs fields it cannot be sent" : describe(sub.failures())));
        }
        if (tried.isEmpty()) {
            return "no subgraph resolves " + rootType + "." + name;
        }
        return "cannot resolve " + rootType + "." + name + ": " + String.join("; ", tried);
    }

    /**
     * The routes of a selection at a node: {@code fields} collected for {@code type}; {@code client} is false for key
     * and required fields, which the caller's denied fields do not apply to.
     */
    Decision decide(QueryGraph.Node node, GraphQLFieldsContainer type, Map<String, List<Field>> fields, boolean client) {
        Key key = new Key(node, type.getName(), client, List.copyOf(fields.values()));
        Decision known = decided.get(key);
        if (known != null) {
            return known;
        }
        int index = inProgress.indexOf(key);
        if (index >= 0) {
            for (int i = index + 1; i < tainted.size(); i++) {
                tainted.set(i, true);
            }
            return cycle(fields);
        }
        budget.enter();
        inProgress.add(key);
        tainted.add(false);
        try {
            Decision decision = decideNow(node, type, fields, client);
            if (!tainted.get(tainted.size() - 1)) {
                decided.put(key, decision);
            }
            return decision;
        } finally {
            inProgress.remove(inProgress.size() - 1);
            tainted.remove(tainted.size() - 1);
            budget.leave();
        }
    }

    private static Decision cycle(Map<String, List<Field>> fields) {
        Map<String, String> failures = new LinkedHashMap<>();
        fields.keySet().forEach(key -> failures.put(key, "it is needed to reach itself"));
        return new Decision(Map.of(), failures, Cost.ZERO, Map.of());
    }

    private Decision decideNow(QueryGraph.Node node, GraphQLFieldsContainer type, Map<String, List<Field>> fields, boolean client) {
        Map<String, List<Route>> options = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, Decision> partials = new LinkedHashMap<>();
        for (Map.Entry<String, List<Field>> field : fields.entrySet()) {
            budget.step();
            List<String> reasons = new ArrayList<>();
            List<Route> partial = new ArrayList<>();
            List<Route> routes = options(node, type, field.getValue(), client, reasons, partial);
            if (routes.isEmpty()) {
                failures.put(field.getKey(), type.getName() + "." + field.getValue().get(0).getName() + " cannot be reached from subgraph \""
                        + node.subgraph + "\": " + (reasons.isEmpty() ? "every way to it needs it first" : String.join("; ", reasons)));
                partial.stream().filter(route -> route instanceof Route.Direct).findFirst()
                        .ifPresent(route -> partials.put(field.getKey(), subOf(route)));
            } else {
                options.put(field.getKey(), routes);
            }
        }
        Decision combined = combine(options, failures);
        return partials.isEmpty() ? combined
                : new Decision(combined.routes(), combined.failures(), combined.cost(), combined.groups(), Map.copyOf(partials));
    }

    /** Every way to resolve one field at a node; {@code reasons} says why the other ways tried do not work. */
    private List<Route> options(QueryGraph.Node node, GraphQLFieldsContainer type, List<Field> occurrences, boolean client, List<String> reasons,
                                List<Route> partial) {
        String name = occurrences.get(0).getName();
        if (name.equals("__typename") || client && denied.contains(type.getName() + "." + name)) {
            return List.of(new Route.Local());
        }
        List<Route> routes = new ArrayList<>();
        QueryGraph.FieldEdge here = edge(node, name);
        if (here != null && here.requires == null) {
            Decision sub = sub(here, type, occurrences);
            if (sub == null || sub.satisfiable() && sub.fetches() == 0) {
                return List.of(new Route.Direct(here, sub));
            }
            (sub.satisfiable() ? routes : partial).add(new Route.Direct(here, sub));
            if (sub != null && !sub.satisfiable()) {
                reasons.add("subgraph \"" + node.subgraph + "\" resolves it but not its selection (" + describe(sub.failures()) + ")");
            }
        } else if (here == null) {
            reasons.add("subgraph \"" + node.subgraph + "\" does not resolve " + type.getName() + "." + name);
        }
        Map<String, Route> hops = new LinkedHashMap<>();
        for (QueryGraph.KeyEdge key : node.keyEdges()) {
            Route hop = hop(node, type, occurrences, key, reasons);
            if (hop == null) {
                continue;
            }
            Decision sub = ((Route.Hop) hop).sub();
            if (sub != null && !sub.satisfiable()) {
                partial.add(hop);
                continue;
            }
            Route best = hops.get(key.to().subgraph);
            if (best == null || cost(hop).lessThan(cost(best))) {
                hops.put(key.to().subgraph, hop);
            }
        }
        routes.addAll(hops.values());
        if (routes.isEmpty() && !partial.isEmpty() && compositeObject(type, name)) {
            Route split = split(partial, type, occurrences);
            if (split != null) {
                routes.add(split);
            }
        }
        return routes;
    }

    /** The hand-over of the entity by one key edge, for one field, or null (with the reason) when it cannot be taken. */
    private Route hop(QueryGraph.Node node, GraphQLFieldsContainer type, List<Field> occurrences, QueryGraph.KeyEdge key, List<String> reasons) {
        String name = occurrences.get(0).getName();
        QueryGraph.Node to = key.to();
        QueryGraph.FieldEdge edge = edge(to, name);
        boolean self = to.subgraph.equals(node.subgraph);
        if (edge == null || self && edge.requires == null) {
            return null;
        }
        budget.step();
        Decision conditions = decide(node, type, conditions(type, key.key(), edge.requires), false);
        if (!conditions.satisfiable() && !describe(conditions.failures()).equals(CYCLE)) {
            reasons.add("cannot move to subgraph \"" + to.subgraph + "\" using @key(fields: \"" + fieldSetText(key.key()) + "\") of \""
                    + type.getName() + "\"" + (edge.requires == null ? "" : " with @requires(fields: \"" + fieldSetText(edge.requires) + "\")")
                    + ": " + describe(conditions.failures()));
        }
        if (!conditions.satisfiable()) {
            return null;
        }
        Decision sub = sub(edge, type, occurrences);
        if (sub != null && !sub.satisfiable()) {
            reasons.add("subgraph \"" + to.subgraph + "\" resolves it but not its selection (" + describe(sub.failures()) + ")");
        }
        return new Route.Hop(key, edge, conditions, sub);
    }

    /** The key fields and required fields a hand-over needs, collected as a selection of {@code type}. */
    Map<String, List<Field>> conditions(GraphQLFieldsContainer type, SelectionSet key, SelectionSet requires) {
        List<SelectionSet> sets = new ArrayList<>();
        sets.add(key);
        if (requires != null) {
            sets.add(requires);
        }
        return collect((GraphQLImplementingType) type, sets);
    }

    /**
     * The decision for the selection of a composite field reached by {@code edge}, or null for a leaf: for an object
     * type at the edge's target; for an interface or union, per member the target's subgraph knows, sharing the
     * hand-overs of one path.
     */
    Decision sub(QueryGraph.FieldEdge edge, GraphQLFieldsContainer parent, List<Field> occurrences) {
        GraphQLFieldDefinition definition = parent.getFieldDefinition(occurrences.get(0).getName());
        if (definition == null || edge.target == null) {
            return null;
        }
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(definition.getType());
        if (!(unwrapped instanceof GraphQLCompositeType)) {
            return null;
        }
        List<SelectionSet> subSelections = FieldCollector.subSelections(occurrences);
        if (unwrapped instanceof GraphQLObjectType object) {
            return decide(edge.target, object, collect(object, subSelections), true);
        }
        if (edge.target.kind == QueryGraph.Kind.INTERFACE_OBJECT) {
            return interfaceObject(edge.target, (GraphQLInterfaceType) unwrapped, subSelections);
        }
        List<Decision> members = new ArrayList<>();
        for (Map.Entry<GraphQLObjectType, QueryGraph.Node> member : members(edge.target, (GraphQLNamedType) unwrapped).entrySet()) {
            Map<String, List<Field>> collected = collect(member.getKey(), subSelections);
            if (!collected.isEmpty()) {
                members.add(decide(member.getValue(), member.getKey(), collected, true));
            }
        }
        return Decision.members(members);
    }

    /**
     * The object types a field of an abstract type can return from a node, each with its node: the members the
     * node's subgraph knows (a copy's members carry what it provides), or the node's own type when the subgraph
     * declares the field with a member type ({@code join__field(type:)}).
     */
    Map<GraphQLObjectType, QueryGraph.Node> members(QueryGraph.Node node, GraphQLNamedType abstractType) {
        Map<GraphQLObjectType, QueryGraph.Node> members = new LinkedHashMap<>();
        if (node.kind == QueryGraph.Kind.OBJECT) {
            if (schema.getType(node.type) instanceof GraphQLObjectType object && possible(abstractType, object)) {
                members.put(object, node);
            }
            return members;
        }
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            QueryGraph.Node member = node.members().get(type.getName());
            if (member != null && type instanceof GraphQLObjectType object && possible(abstractType, object)) {
                members.put(object, member);
            }
        }
        return members;
    }

    private boolean possible(GraphQLNamedType abstractType, GraphQLObjectType object) {
        if (abstractType.getName().equals(object.getName())) {
            return true;
        }
        return (abstractType instanceof graphql.schema.GraphQLUnionType || abstractType instanceof GraphQLInterfaceType)
                && schema.isPossibleType(abstractType, object);
    }

    /**
     * What a selection on an interface costs where an {@code @interfaceObject} subgraph returns it: what that subgraph
     * resolves stays in its fetch; anything else (the concrete type, implementation fields) takes one more fetch.
     */
    private Decision interfaceObject(QueryGraph.Node node, GraphQLInterfaceType iface, List<SelectionSet> subSelections) {
        Map<String, List<Field>> common = collect(iface, subSelections);
        boolean typeNeeded = false;
        Map<String, List<Field>> here = new LinkedHashMap<>();
        for (Map.Entry<String, List<Field>> field : common.entrySet()) {
            if (resolvesHere(node, field.getValue().get(0).getName())) {
                here.put(field.getKey(), field.getValue());
            } else {
                typeNeeded = true;
            }
        }
        for (GraphQLObjectType implementation : schema.getImplementations(iface)) {
            if (!collect(implementation, subSelections).keySet().equals(common.keySet())) {
                typeNeeded = true;
            }
        }
        Decision direct = decide(node, iface, here, true);
        if (!typeNeeded) {
            return direct;
        }
        Cost cost = direct.cost();
        Map<String, Integer> groups = new LinkedHashMap<>(direct.groups());
        graph.supergraph().entityInterfaceOwners(iface.getName()).stream().findFirst().ifPresent(owner -> groups.merge(owner, 1, Math::max));
        return new Decision(Map.of(), direct.failures(), new Cost(Math.max(cost.depth(), 1), cost.fetches() - direct.groups().size()
                + groups.size(), cost.payload() + 2), Map.copyOf(groups));
    }

    /** Whether {@code type.name} returns an object type: only such a field's selection can be split over several ways. */
    private boolean compositeObject(GraphQLFieldsContainer type, String name) {
        GraphQLFieldDefinition definition = type.getFieldDefinition(name);
        return definition != null && GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLObjectType;
    }

    /**
     * A value type's selection over several ways, each resolving the part of it its own way can (nested value types
     * split too): the way that covers the most of what is still missing first, until all of it is covered; null when
     * they cannot cover it all.
     */
    private Route split(List<Route> partial, GraphQLFieldsContainer type, List<Field> occurrences) {
        GraphQLFieldDefinition definition = type.getFieldDefinition(occurrences.get(0).getName());
        if (definition == null || !(GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLObjectType object)) {
            return null;
        }
        Cover missing = Cover.of(this, object, occurrences);
        List<Route.Part> parts = new ArrayList<>();
        while (!missing.isEmpty()) {
            Route best = null;
            Cover bestCover = Cover.EMPTY;
            for (Route route : partial) {
                Cover cover = missing.intersect(covered(subOf(route), object, occurrences));
                if (cover.leaves() > bestCover.leaves()) {
                    best = route;
                    bestCover = cover;
                }
            }
            if (best == null) {
                return null;
            }
            List<Field> narrowed = bestCover.narrow(this, object, occurrences);
            parts.add(new Route.Part(restricted(best, type, narrowed), narrowed));
            missing = missing.minus(bestCover);
        }
        return new Route.Split(List.copyOf(parts));
    }

    /** What of a selection a (partly satisfiable) decision resolves: every satisfiable key, and the resolvable part of the others. */
    private Cover covered(Decision decision, GraphQLObjectType object, List<Field> occurrences) {
        Map<String, Cover> keys = new LinkedHashMap<>();
        Map<String, List<Field>> collected = collect(object, FieldCollector.subSelections(occurrences));
        for (Map.Entry<String, List<Field>> field : collected.entrySet()) {
            if (decision.routes().containsKey(field.getKey())) {
                keys.put(field.getKey(), Cover.ALL);
            } else if (decision.partials().containsKey(field.getKey())) {
                GraphQLFieldDefinition definition = object.getFieldDefinition(field.getValue().get(0).getName());
                if (definition != null && GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLObjectType nested) {
                    Cover cover = covered(decision.partials().get(field.getKey()), nested, field.getValue());
                    if (!cover.isEmpty()) {
                        keys.put(field.getKey(), cover);
                    }
                }
            }
        }
        return new Cover(keys);
    }

    private static Decision subOf(Route route) {
        Decision sub = null;
        if (route instanceof Route.Direct direct) {
            sub = direct.sub();
        } else if (route instanceof Route.Hop hop) {
            sub = hop.sub();
        } else if (route instanceof Route.Root root) {
            sub = root.sub();
        }
        return sub == null ? Decision.EMPTY : sub;
    }

    /** The same way for the field's narrowed occurrences. */
    private Route restricted(Route route, GraphQLFieldsContainer type, List<Field> narrowed) {
        if (route instanceof Route.Direct direct) {
            return new Route.Direct(direct.edge(), sub(direct.edge(), type, narrowed));
        }
        if (route instanceof Route.Hop hop) {
            return new Route.Hop(hop.key(), hop.edge(), hop.conditions(), sub(hop.edge(), type, narrowed));
        }
        if (route instanceof Route.Root root) {
            return new Route.Root(root.edge(), sub(root.edge(), type, narrowed));
        }
        return route;
    }

    /**
     * The cheapest combination of one route per field: a greedy first answer, then branch and bound (partial costs
     * only grow) for at most {@link #COMBINATIONS_PER_SELECTION} steps.
     */
    private Decision combine(Map<String, List<Route>> options, Map<String, String> failures) {
        List<String> keys = new ArrayList<>(options.keySet());
        Tally greedy = new Tally();
        Map<String, Route> chosen = new LinkedHashMap<>();
        for (String key : keys) {
            Route best = null;
            Cost bestCost = null;
            for (Route route : options.get(key)) {
                Cost cost = greedy.with(route).cost();
                if (bestCost == null || cost.lessThan(bestCost)) {
                    best = route;
                    bestCost = cost;
                }
            }
            chosen.put(key, best);
            greedy = greedy.with(best);
        }
        Search search = new Search(keys, options, greedy.cost(), chosen);
        if (keys.stream().anyMatch(key -> options.get(key).size() > 1)) {
            search.run(0, new Tally(), new LinkedHashMap<>());
        }
        Tally total = new Tally();
        Map<String, Route> routes = new LinkedHashMap<>();
        for (String key : keys) {
            Route route = search.best.get(key);
            routes.put(key, route);
            total = total.with(route);
        }
        return new Decision(routes, Map.copyOf(failures), total.cost(), total.groups());
    }

    /** Branch and bound over the fields' routes, in field order. */
    private final class Search {
        private final List<String> keys;
        private final Map<String, List<Route>> options;
        private Cost bestCost;
        private Map<String, Route> best;
        private int steps;

        Search(List<String> keys, Map<String, List<Route>> options, Cost bestCost, Map<String, Route> best) {
            this.keys = keys;
            this.options = options;
            this.bestCost = bestCost;
            this.best = best;
        }

        void run(int index, Tally tally, Map<String, Route> chosen) {
            if (steps++ > COMBINATIONS_PER_SELECTION) {
                return;
            }
            budget.step();
            if (index == keys.size()) {
                if (tally.cost().lessThan(bestCost)) {
                    bestCost = tally.cost();
                    best = new LinkedHashMap<>(chosen);
                }
                return;
            }
            String key = keys.get(index);
            for (Route route : options.get(key)) {
                Tally next = tally.with(route);
                if (!next.cost().lessThan(bestCost)) {
                    continue;
                }
                chosen.put(key, route);
                run(index + 1, next, chosen);
                chosen.remove(key);
            }
        }
    }

    static Cost cost(Route route) {
        return new Tally().with(route).cost();
    }

    /**
     * The cost of routes taken together: hand-overs to one subgraph at this path share one fetch, which runs once the
     * conditions of all of them are in. Immutable; small arrays, as the search makes many of them.
     */
    private static final class Tally {
        private static final String[] NONE = new String[0];
        private static final int[] NO_STAGES = new int[0];

        /** The subgraphs handed over to, and the step each hand-over's fetch runs in. */
        private final String[] groups;
        private final int[] stages;
        /** For each hand-over, its subgraph and the depth of its field's selection below it. */
        private final String[] tailGroups;
        private final int[] tailDepths;
        private final int directDepth;
        private final int fetches;
        private final int payload;

        Tally() {
            this(NONE, NO_STAGES, NONE, NO_STAGES, 0, 0, 0);
        }

        private Tally(String[] groups, int[] stages, String[] tailGroups, int[] tailDepths, int directDepth, int fetches, int payload) {
            this.groups = groups;
            this.stages = stages;
            this.tailGroups = tailGroups;
            this.tailDepths = tailDepths;
            this.directDepth = directDepth;
            this.fetches = fetches;
            this.payload = payload;
        }

        Tally with(Route route) {
            if (route instanceof Route.Direct direct) {
                return direct(direct.sub());
            }
            if (route instanceof Route.Root root) {
                return grouped(root.edge().from.subgraph, 1, root.sub(), 0, 0, 0);
            }
            if (route instanceof Route.Hop hop) {
                Cost conditions = hop.conditions().cost();
                return grouped(hop.key().to().subgraph, conditions.depth() + 1, hop.sub(), conditions.depth(), conditions.fetches(),
                        conditions.payload() + 1);
            }
            if (route instanceof Route.Split split) {
                Tally tally = this;
                for (Route.Part part : split.parts()) {
                    tally = tally.with(part.route());
                }
                return tally;
            }
            return this;
        }

        private Tally direct(Decision sub) {
            if (sub == null) {
                return new Tally(groups, stages, tailGroups, tailDepths, directDepth, fetches, payload + 1);
            }
            return new Tally(groups, stages, tailGroups, tailDepths, Math.max(directDepth, sub.cost().depth()), fetches + sub.fetches(),
                    payload + 1 + sub.cost().payload());
        }

        private Tally grouped(String subgraph, int stage, Decision sub, int conditionDepth, int conditionFetches, int conditionPayload) {
            int index = java.util.Arrays.asList(groups).indexOf(subgraph);
            String[] newGroups = groups;
            int[] newStages;
            if (index < 0) {
                newGroups = java.util.Arrays.copyOf(groups, groups.length + 1);
                newGroups[groups.length] = subgraph;
                newStages = java.util.Arrays.copyOf(stages, stages.length + 1);
                newStages[stages.length] = stage;
            } else {
                newStages = stages.clone();
                newStages[index] = Math.max(stages[index], stage);
            }
            String[] newTailGroups = java.util.Arrays.copyOf(tailGroups, tailGroups.length + 1);
            newTailGroups[tailGroups.length] = subgraph;
            int[] newTailDepths = java.util.Arrays.copyOf(tailDepths, tailDepths.length + 1);
            newTailDepths[tailDepths.length] = sub == null ? 0 : sub.cost().depth();
            int subFetches = sub == null ? 0 : sub.fetches();
            int subPayload = sub == null ? 0 : sub.cost().payload();
            return new Tally(newGroups, newStages, newTailGroups, newTailDepths, Math.max(directDepth, conditionDepth),
                    fetches + conditionFetches + subFetches, payload + conditionPayload + 2 + subPayload);
        }

        Cost cost() {
            int depth = directDepth;
            for (int i = 0; i < tailGroups.length; i++) {
                depth = Math.max(depth, stages[java.util.Arrays.asList(groups).indexOf(tailGroups[i])] + tailDepths[i]);
            }
            return new Cost(depth, fetches + groups.length, payload);
        }

        Map<String, Integer> groups() {
            Map<String, Integer> map = new LinkedHashMap<>();
            for (int i = 0; i < groups.length; i++) {
                map.put(groups[i], stages[i]);
            }
            return Map.copyOf(map);
        }
    }

    /** The reasons of failed fields; a way that needs itself is left out when another reason explains the failure. */
    private static String describe(Map<String, String> failures) {
        Set<String> reasons = new LinkedHashSet<>(failures.values());
        if (reasons.size() > 1) {
            reasons.remove(CYCLE);
        }
        return String.join("; ", reasons);
    }

    static String fieldSetText(SelectionSet fieldSet) {
        String printed = AstPrinter.printAstCompact(fieldSet);
        return printed.substring(1, printed.length() - 1).trim();
    }
}
