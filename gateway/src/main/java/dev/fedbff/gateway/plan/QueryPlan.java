package dev.fedbff.gateway.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan of one operation: the fetches to make and what each waits for ({@link FetchNode#dependsOn()}).
 * Immutable data; {@link #toString()} prints it the way the golden tests and the explain header show it.
 *
 * @param sequential   true for mutations: root fetches run one after another, in document order, each after
 *                     everything the one before it led to
 * @param roots        the first fetches; the others hang under them (see {@link FetchNode#children()})
 * @param introspection response keys of {@code __schema} and {@code __type} root fields, answered by the gateway itself
 */
public record QueryPlan(boolean sequential, List<FetchNode> roots, List<String> introspection) {

    public int fetchCount() {
        return nodes().size();
    }

    /** Every fetch of the plan, in id order. */
    public List<FetchNode> nodes() {
        List<FetchNode> nodes = new ArrayList<>();
        roots.forEach(root -> collect(root, nodes));
        nodes.sort(java.util.Comparator.comparingInt(FetchNode::id));
        return nodes;
    }

    /** {@code node} and every fetch under it. */
    public static List<FetchNode> subtree(FetchNode node) {
        List<FetchNode> nodes = new ArrayList<>();
        collect(node, nodes);
        return nodes;
    }

    private static void collect(FetchNode node, List<FetchNode> nodes) {
        nodes.add(node);
        node.children().forEach(child -> collect(child, nodes));
    }

    @Override
    public String toString() {
        return PlanPrinter.print(this);
    }
}
