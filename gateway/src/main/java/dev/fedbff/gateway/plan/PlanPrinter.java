package dev.fedbff.gateway.plan;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a plan in the layout of Apollo's query plans ({@code Sequence}, {@code Parallel}, {@code Flatten},
 * {@code Fetch}), so an Apollo user reads it at once. The golden tests and the explain header use this printer.
 */
public final class PlanPrinter {

    private final StringBuilder out = new StringBuilder();

    private PlanPrinter() {
    }

    public static String print(QueryPlan plan) {
        PlanPrinter printer = new PlanPrinter();
        printer.line(0, "QueryPlan {");
        if (!plan.introspection().isEmpty()) {
            printer.line(1, "Introspection(" + String.join(", ", plan.introspection()) + "),");
        }
        printer.nodes(1, plan.roots(), plan.sequential());
        printer.line(0, "}");
        return printer.out.toString();
    }

    private void nodes(int depth, List<FetchNode> nodes, boolean sequential) {
        if (nodes.size() == 1) {
            node(depth, nodes.get(0));
            return;
        }
        if (nodes.isEmpty()) {
            return;
        }
        line(depth, sequential ? "Sequence {" : "Parallel {");
        nodes.forEach(node -> node(depth + 1, node));
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

    /** A fetch followed by what depends on it, flattened into one sequence while there is one successor. */
    private void steps(int depth, FetchNode node) {
        fetch(depth, node);
        if (node.children().size() == 1) {
            steps(depth, node.children().get(0));
            return;
        }
        if (node.children().size() > 1) {
            line(depth, "Parallel {");
            node.children().forEach(child -> node(depth + 1, child));
            line(depth, "},");
        }
    }

    private void fetch(int depth, FetchNode node) {
        int inner = depth;
        if (node.entity()) {
            line(depth, "Flatten(path: \"" + String.join(".", node.mergePath()) + "\") {");
            inner = depth + 1;
        }
        String rest = node.rest() ? ", rest: \"" + node.connectors().values().stream().map(c -> c.describe()).collect(Collectors.joining("; ")) + "\"" : "";
        line(inner, "Fetch(service: \"" + node.subgraph() + "\"" + rest + ") {");
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
