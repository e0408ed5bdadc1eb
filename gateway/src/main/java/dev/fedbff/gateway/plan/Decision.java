package dev.fedbff.gateway.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The routes chosen for the fields of one selection at one query-graph node, what they cost, and the fields no route
 * reaches (each with the reason, naming the subgraphs tried). Immutable once made.
 *
 * @param routes   the route of every response key that can be resolved
 * @param failures why each other response key cannot be
 * @param cost     what the routes cost together
 * @param groups   the subgraphs this selection hands over to at its own path, each with the step its fetch runs in;
 *                 a decision of an enclosing selection at the same path shares these fetches
 * @param partials for a failed field of an object type that one way reaches but whose selection it resolves only in
 *                 part, the decision of that part: an enclosing field may still split its selection over several ways
 */
record Decision(Map<String, Route> routes, Map<String, String> failures, Cost cost, Map<String, Integer> groups,
                Map<String, Decision> partials) {

    static final Decision EMPTY = new Decision(Map.of(), Map.of(), Cost.ZERO, Map.of(), Map.of());

    Decision(Map<String, Route> routes, Map<String, String> failures, Cost cost, Map<String, Integer> groups) {
        this(routes, failures, cost, groups, Map.of());
    }

    boolean satisfiable() {
        return failures.isEmpty();
    }

    /** Fetches after the current one that resolving this selection costs, hand-overs at this path included. */
    int fetches() {
        return cost.fetches();
    }

    /** The decisions of the members of an interface or union at one path: hand-overs to one subgraph share a fetch. */
    static Decision members(Iterable<Decision> members) {
        Map<String, Integer> groups = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        int depth = 0;
        int otherFetches = 0;
        int payload = 0;
        for (Decision member : members) {
            member.groups.forEach((subgraph, stage) -> groups.merge(subgraph, stage, Math::max));
            failures.putAll(member.failures);
            depth = Math.max(depth, member.cost.depth());
            otherFetches += member.cost.fetches() - member.groups.size();
            payload += member.cost.payload();
        }
        return new Decision(Map.of(), Map.copyOf(failures), new Cost(depth, otherFetches + groups.size(), payload), Map.copyOf(groups));
    }
}
