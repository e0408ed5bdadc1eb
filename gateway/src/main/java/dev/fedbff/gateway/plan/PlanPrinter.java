package dev.fedbff.gateway.plan;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Prints a plan in the layout of Apollo's query plans ({@code Sequence}, {@code Parallel}, {@code Flatten},
 * {@code Fetch}), so an Apollo user reads it at once. The golden tests and the explain header use this printer.
 */
public final class PlanPrinter {

    private final StringBuilder out = new StringBuilder();
    private final IntFunction<String> notes;

    private PlanPrinter(IntFunction<String> notes) {
        this.notes = notes;
    }

    public static String print(QueryPlan plan) {
        return print(plan, id -> "");
    }

    /**
     * The plan with more about each fetch after its service: {@code notes} gives, by fetch id, text such as
     * {@code breaker: "closed", budget: "5000 ms", cache: "none"}, or "" for nothing.
     */
    public static String print(QueryPlan plan, IntFunction<String> notes) {
        PlanPrinter printer = new PlanPrinter(notes);
        printer.line(0, "QueryPlan {");
        if (!plan.introspection().isEmpty()) {
            printer.line(1, "Introspection(" + String.join(", ", plan.introspection()) + "),");
        }
        printer.nodes(1, plan.roots(), plan.sequential());
        printer.line(0, "}");
        return printer.out.toString();
    }

    private void nodes(int depth, List<FetchNode> nodes, boolean sequential) {
        if (nodes.isEmpty()) {
            return;
        }
        List<List<FetchNode>> levels = sequential ? List.of(nodes) : levels(nodes);
        if (levels.size() == 1 && nodes.size() == 1) {
            node(depth, nodes.get(0));
            return;
        }
        if (levels.size() == 1) {
            line(depth, sequential ? "Sequence {" : "Parallel {");
            nodes.forEach(node -> node(depth + 1, node));
            line(depth, "},");
            return;
        }
        line(depth, "Sequence {");
        for (List<FetchNode> level : levels) {
            nodes(depth + 1, level, false);
        }
        line(depth, "},");
    }

    private void node(int depth, FetchNode node) {
        if (node.children().isEmpty()) {
            fetch(depth, node);
            return;
        }
        line(depth, "Sequence {");
        steps(depth + 1, node);
        line(depth, "},");
    }

    /**
     * A fetch followed by what comes after it: the fetches under it in levels (a fetch that waits for another one under
     * it is a level later), one level after another, several fetches of a level in parallel; a level of one fetch is
     * flattened into the sequence.
     */
    private void steps(int depth, FetchNode node) {
        fetch(depth, node);
        for (List<FetchNode> level : levels(node.children())) {
            if (level.size() == 1) {
                steps(depth, level.get(0));
                continue;
            }
            line(depth, "Parallel {");
            level.forEach(child -> node(depth + 1, child));
            line(depth, "},");
        }
    }

    /**
     * Sibling fetches (in an order where each comes after what it waits for) in levels: a fetch is one level after the
     * latest sibling whose fetches (its own or those under it) it waits for.
     */
    static List<List<FetchNode>> levels(List<FetchNode> siblings) {
        Map<Integer, Integer> owner = new java.util.HashMap<>();
        for (int i = 0; i < siblings.size(); i++) {
            for (FetchNode node : QueryPlan.subtree(siblings.get(i))) {
                owner.put(node.id(), i);
            }
        }
        int[] level = new int[siblings.size()];
        List<List<FetchNode>> levels = new java.util.ArrayList<>();
        for (int i = 0; i < siblings.size(); i++) {
            for (int dependency : siblings.get(i).dependsOn()) {
                Integer sibling = owner.get(dependency);
                if (sibling != null && sibling != i) {
                    level[i] = Math.max(level[i], level[sibling] + 1);
                }
            }
            while (levels.size() <= level[i]) {
                levels.add(new java.util.ArrayList<>());
            }
            levels.get(level[i]).add(siblings.get(i));
        }
        return levels;
    }

    private void fetch(int depth, FetchNode node) {
        int inner = depth;
        if (node.entity()) {
            String paths = node.mergePaths().stream().map(path -> "\"" + String.join(".", path) + "\"").collect(Collectors.joining(", "));
            line(depth, (node.mergePaths().size() == 1 ? "Flatten(path: " : "Flatten(paths: ") + paths + ") {");
            inner = depth + 1;
        }
        String rest = node.rest() ? ", rest: \"" + node.connectors().values().stream().map(c -> c.describe()).collect(Collectors.joining("; ")) + "\"" : "";
        String note = notes.apply(node.id());
        line(inner, "Fetch(service: \"" + node.subgraph() + "\"" + rest + (note.isEmpty() ? "" : ", " + note) + ") {");
        if (node.entity() && (node.multiType() || !node.entityTypes().containsKey(node.parentType()))) {
            line(inner + 1, "{");
            for (Map.Entry<String, SelectionSet> type : node.entityTypes().entrySet()) {
                line(inner + 2, "... on " + type.getKey() + " {");
                selections(inner + 3, type.getValue());
                line(inner + 2, "}");
            }
            line(inner + 1, "} =>");
            selection(inner + 1, node.selectionPerType() ? "" : "... on " + node.parentType() + " ", node.selection());
        } else if (node.entity()) {
            selection(inner + 1, "... on " + node.parentType() + " ", node.requires());
            out.setLength(out.length() - 1);
            out.append(" =>\n");
            selection(inner + 1, "... on " + node.parentType() + " ", node.selection());
        } else {
            selection(inner + 1, "", node.selection());
        }
        line(inner, "},");
        if (node.entity()) {
            line(depth, "},");
        }
    }

    private void selection(int depth, String prefix, SelectionSet selectionSet) {
        line(depth, "{");
        if (prefix.isEmpty()) {
            selections(depth + 1, selectionSet);
        } else {
            line(depth + 1, prefix + "{");
            selections(depth + 2, selectionSet);
            line(depth + 1, "}");
        }
        line(depth, "}");
    }

    private void selections(int depth, SelectionSet selectionSet) {
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof InlineFragment inline) {
                line(depth, "... on " + inline.getTypeCondition().getName() + " {");
                selections(depth + 1, inline.getSelectionSet());
                line(depth, "}");
                continue;
            }
            Field field = (Field) selection;
            String head = (field.getAlias() == null ? "" : field.getAlias() + ": ") + field.getName() + arguments(field.getArguments());
            if (field.getSelectionSet() == null) {
                line(depth, head);
                continue;
            }
            line(depth, head + " {");
            selections(depth + 1, field.getSelectionSet());
            line(depth, "}");
        }
    }

    private static String arguments(List<Argument> arguments) {
        if (arguments.isEmpty()) {
            return "";
        }
        return arguments.stream().map(a -> a.getName() + ": " + AstPrinter.printAst(a.getValue())).collect(Collectors.joining(", ", "(", ")"));
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }
}
