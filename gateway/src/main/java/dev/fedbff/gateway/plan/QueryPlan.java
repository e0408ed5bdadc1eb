package dev.fedbff.gateway.plan;

import java.util.List;

/**
 * The plan of one operation: the fetches to make, which depend on which, and which run at the same time.
 * Immutable data; {@link #toString()} prints it the way the golden tests and the explain header show it.
 *
 * @param sequential   true for mutations: root fetches run one after another, in document order
 * @param roots        the first fetches; each fetch's children start once it has merged
 * @param introspection response keys of {@code __schema} and {@code __type} root fields, answered by the gateway itself
 */
public record QueryPlan(boolean sequential, List<FetchNode> roots, List<String> introspection) {

    public int fetchCount() {
        return count(roots);
    }

    private static int count(List<FetchNode> nodes) {
        int total = nodes.size();
        for (FetchNode node : nodes) {
            total += count(node.children());
        }
        return total;
    }

    @Override
    public String toString() {
        return PlanPrinter.print(this);
    }
}
