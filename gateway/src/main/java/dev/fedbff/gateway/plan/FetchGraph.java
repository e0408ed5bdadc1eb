package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.compose.Connector;
import dev.fedbff.gateway.compose.Subgraph;
import dev.fedbff.gateway.compose.Supergraph;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fetches of one plan under construction and what each waits for: a directed acyclic graph. Building it into a
 * {@link QueryPlan} sends a fetch nothing waits for with a later fetch of the same subgraph, path and type, sends
 * fetches of one subgraph and entity type at several paths in one plan level as one call when they select the same,
 * drops dependencies implied by others, and orders the fetches by the dominator tree of the graph (each fetch under
 * the last fetch every path to it passes), which is how the plan prints.
 */
final class FetchGraph {

    private final Supergraph supergraph;
    private final SelectionBuilder.Aliases aliases = new SelectionBuilder.Aliases();
    private final List<FetchGroup> groups = new ArrayList<>();
    private final List<Set<FetchGroup>> recordings = new ArrayList<>();

    FetchGraph(Supergraph supergraph) {
        this.supergraph = supergraph;
    }

    /**
     * Runs {@code placing} and returns every fetch it placed something in: what a fetch that needs those fields waits
     * for (a required field's own selection may land in fetches after the one that selects the field).
     */
    Set<FetchGroup> recording(Runnable placing) {
        Set<FetchGroup> landed = new LinkedHashSet<>();
        recordings.add(landed);
        try {
            placing.run();
        } finally {
            recordings.remove(recordings.size() - 1);
        }
        return landed;
    }

    private FetchGroup recorded(FetchGroup group) {
        recordings.forEach(recording -> recording.add(group));
        return group;
    }

    /** The root fetch of a subgraph: one per subgraph for queries; for mutations, one per run of fields in document order. */
    FetchGroup root(String subgraph, String rootType, boolean sequential) {
        List<FetchGroup> roots = groups.stream().filter(g -> !g.entity).toList();
        if (sequential) {
            FetchGroup last = roots.isEmpty() ? null : roots.get(roots.size() - 1);
            if (last != null && last.subgraph.equals(subgraph)) {
                return recorded(last);
            }
        } else {
            for (FetchGroup root : roots) {
                if (root.subgraph.equals(subgraph)) {
                    return recorded(root);
                }
            }
        }
        FetchGroup group = new FetchGroup(groups.size(), subgraph, rootType, false, List.of(), aliases);
        groups.add(group);
        return recorded(group);
    }

    /**
     * The entity fetch of {@code subgraph} for entities of {@code type} at {@code path} that waits for {@code after}
     * (which the subgraph knows as {@code localType}); a GraphQL subgraph's fetch at one path serves every entity type
     * there ({@code mergeTypes}), so members of an interface or union share it.
     */
    FetchGroup entity(String subgraph, String type, String localType, List<String> path, boolean mergeTypes, Set<FetchGroup> after) {
        Set<FetchGroup> dependsOn = reduced(after);
        FetchGroup group = groups.stream().filter(g -> g.entity && g.subgraph.equals(subgraph) && g.path().equals(path)
                && (g.parentType.equals(localType) || mergeTypes) && g.dependsOn.equals(dependsOn)).findFirst().orElse(null);
        if (group == null) {
            group = new FetchGroup(groups.size(), subgraph, localType, true, path, aliases);
            group.dependsOn.addAll(dependsOn);
            groups.add(group);
        }
        group.served.putIfAbsent(type, localType);
        if (!type.equals(localType)) {
            group.representedAs.put(type, localType);
        }
        return recorded(group);
    }

    /** {@code groups} without those another of them waits for anyway. */
    private static Set<FetchGroup> reduced(Set<FetchGroup> groups) {
        if (groups.size() < 2) {
            return new LinkedHashSet<>(groups);
        }
        Set<FetchGroup> reduced = new LinkedHashSet<>();
        for (FetchGroup group : groups) {
            boolean implied = groups.stream().anyMatch(other -> other != group && ancestors(other).contains(group));
            if (!implied) {
                reduced.add(group);
            }
        }
        return reduced;
    }

    /** Every fetch {@code group} waits for, directly or not. */
    private static Set<FetchGroup> ancestors(FetchGroup group) {
        Set<FetchGroup> ancestors = new HashSet<>();
        List<FetchGroup> pending = new ArrayList<>(group.dependsOn);
        while (!pending.isEmpty()) {
            FetchGroup next = pending.remove(pending.size() - 1);
            if (ancestors.add(next)) {
                pending.addAll(next.dependsOn);
            }
        }
        return ancestors;
    }

    QueryPlan build(Operation operation, boolean sequential, List<String> introspection) {
        joinLaterFetches();
        mergePaths();
        groups.forEach(group -> {
            Set<FetchGroup> reduced = reduced(group.dependsOn);
            group.dependsOn.clear();
            group.dependsOn.addAll(reduced);
        });
        return new Builder(operation, topologicalOrder()).plan(sequential, introspection);
    }

    /**
     * Sends each fetch that nothing waits for with a fetch of the same subgraph, path and type that starts after
     * everything it waits for (e.g. {@code inStock} with the {@code shippingEstimate} fetch that waits for its required
     * fields): one call fewer, and no fetch starts later than before.
     */
    private void joinLaterFetches() {
        for (FetchGroup group : List.copyOf(groups)) {
            if (!group.entity || !group.servesOnlyItsOwnType() || hasDependents(group)) {
                continue;
            }
            for (FetchGroup later : groups) {
                if (later != group && canJoin(group, later)) {
                    group.joinInto(later);
                    groups.remove(group);
                    break;
                }
            }
        }
    }

    private static boolean canJoin(FetchGroup group, FetchGroup later) {
        return later.entity && later.subgraph.equals(group.subgraph) && later.paths.equals(group.paths)
                && later.parentType.equals(group.parentType) && later.servesOnlyItsOwnType()
                && !later.dependsOn.equals(group.dependsOn) && ancestors(later).containsAll(group.dependsOn);
    }

    private boolean hasDependents(FetchGroup group) {
        return groups.stream().anyMatch(other -> other.dependsOn.contains(group));
    }

    /**
     * One call for entity fetches of one subgraph and type at several paths in the same plan level that select the
     * same fields with the same representations: the representations of every path go in one request, and each
     * answer is merged wherever its entity was found.
     */
    private void mergePaths() {
        Map<FetchGroup, Integer> levels = levels();
        Map<String, List<FetchGroup>> sameLevel = new LinkedHashMap<>();
        for (FetchGroup group : groups) {
            if (group.entity) {
                sameLevel.computeIfAbsent(group.subgraph + "|" + group.parentType + "|" + levels.get(group), key -> new ArrayList<>()).add(group);
            }
        }
        Map<String, List<FetchGroup>> alike = new LinkedHashMap<>();
        sameLevel.values().stream().filter(candidates -> candidates.size() > 1).flatMap(List::stream)
                .forEach(group -> alike.computeIfAbsent(signature(group, levels.get(group)), key -> new ArrayList<>()).add(group));
        for (List<FetchGroup> candidates : alike.values()) {
            for (int i = 1; i < candidates.size(); i++) {
                FetchGroup group = candidates.get(i);
                for (FetchGroup into : candidates.subList(0, i)) {
                    if (groups.contains(into) && !ancestors(into).contains(group) && !ancestors(group).contains(into)) {
                        mergeInto(group, into);
                        break;
                    }
                }
            }
        }
    }

    /** What two fetches must share to go in one call: subgraph, types served, plan level, selections and representations. */
    private static String signature(FetchGroup group, int level) {
        StringBuilder signature = new StringBuilder(group.subgraph).append('|').append(group.parentType).append('|').append(level)
                .append('|').append(group.served).append('|').append(group.representedAs).append('|').append(text(group.selection))
                .append('|').append(text(group.requires));
        group.otherTypes.forEach((type, builder) -> signature.append('|').append(type).append(text(builder)));
        group.otherRequires.forEach((type, builder) -> signature.append('|').append(type).append(text(builder)));
        return signature.toString();
    }

    private static String text(SelectionBuilder builder) {
        return graphql.language.AstPrinter.printAstCompact(builder.build());
    }

    private void mergeInto(FetchGroup group, FetchGroup into) {
        into.paths.addAll(group.paths);
        group.clientFields.forEach(into::addClientField);
        into.dependsOn.addAll(group.dependsOn);
        group.sources.forEach((type, fields) -> into.sources.computeIfAbsent(type, t -> new LinkedHashMap<>()).putAll(fields));
        for (FetchGroup other : groups) {
            if (other.dependsOn.remove(group)) {
                other.dependsOn.add(into);
            }
        }
        groups.remove(group);
    }

    /** The plan level of each fetch: root fetches are level 0, and a fetch is one level after the latest it waits for. */
    private Map<FetchGroup, Integer> levels() {
        Map<FetchGroup, Integer> levels = new HashMap<>();
        for (FetchGroup group : topologicalOrder()) {
            int level = 0;
            for (FetchGroup dependency : group.dependsOn) {
                level = Math.max(level, levels.get(dependency) + 1);
            }
            levels.put(group, level);
        }
        return levels;
    }

    /** The fetches in an order where each comes after what it waits for, otherwise in the order they were made. */
    private List<FetchGroup> topologicalOrder() {
        List<FetchGroup> ordered = new ArrayList<>();
        Set<FetchGroup> placed = new HashSet<>();
        while (ordered.size() < groups.size()) {
            for (FetchGroup group : groups) {
                if (!placed.contains(group) && placed.containsAll(group.dependsOn)) {
                    ordered.add(group);
                    placed.add(group);
                    break;
                }
            }
        }
        return ordered;
    }

    /** Turns the fetches into immutable {@link FetchNode}s, numbered in the order the plan prints them. */
    private final class Builder {
        private final Operation operation;
        private final List<FetchGroup> ordered;
        private final Map<FetchGroup, FetchGroup> dominators = new HashMap<>();
        private final Map<FetchGroup, List<FetchGroup>> children = new LinkedHashMap<>();
        private final List<FetchGroup> roots = new ArrayList<>();
        private final Map<FetchGroup, Integer> ids = new HashMap<>();

        Builder(Operation operation, List<FetchGroup> ordered) {
            this.operation = operation;
            this.ordered = ordered;
        }

        QueryPlan plan(boolean sequential, List<String> introspection) {
            for (FetchGroup group : ordered) {
                FetchGroup dominator = dominator(group);
                dominators.put(group, dominator);
                children.put(group, new ArrayList<>());
                (dominator == null ? roots : children.get(dominator)).add(group);
            }
            roots.forEach(this::number);
            List<FetchNode> nodes = roots.stream().map(this::node).toList();
            return new QueryPlan(sequential, nodes, introspection);
        }

        /** The last fetch every path to {@code group} passes, or null when that is the start of the plan. */
        private FetchGroup dominator(FetchGroup group) {
            FetchGroup common = null;
            boolean first = true;
            for (FetchGroup dependency : group.dependsOn) {
                common = first ? dependency : commonDominator(common, dependency);
                first = false;
                if (common == null) {
                    return null;
                }
            }
            return common;
        }

        private FetchGroup commonDominator(FetchGroup left, FetchGroup right) {
            List<FetchGroup> leftChain = chain(left);
            for (FetchGroup candidate = right; candidate != null; candidate = dominators.get(candidate)) {
                if (leftChain.contains(candidate)) {
                    return candidate;
                }
            }
            return null;
        }

        private List<FetchGroup> chain(FetchGroup group) {
            List<FetchGroup> chain = new ArrayList<>();
            for (FetchGroup current = group; current != null; current = dominators.get(current)) {
                chain.add(current);
            }
            return chain;
        }

        private void number(FetchGroup group) {
            ids.put(group, ids.size());
            children.get(group).forEach(this::number);
        }

        private FetchNode node(FetchGroup group) {
            int id = ids.get(group);
            SelectionSet built = group.otherTypes.isEmpty() ? group.selection.build() : perType(group);
            SelectionAliases.Aliased aliased = SelectionAliases.apply(supergraph, group.subgraph, group.parentType, built);
            SelectionSet selection = aliased.selection();
            List<String> variables = SubgraphOperations.variablesUsed(selection, operation.definition());
            String entityType = !group.entity ? null : group.otherTypes.isEmpty() ? group.parentType : "";
            String operationText = supergraph.subgraph(group.subgraph).rest() ? ""
                    : SubgraphOperations.print(operation, entityType, group.subgraph, id, selection, variables);
            SelectionSet requires = group.entity ? representation(group, group.parentType, group.requires) : null;
            Map<String, SelectionSet> entityTypes = new LinkedHashMap<>();
            group.served.forEach((type, local) -> entityTypes.put(type, representation(group, local, group.requiresFor(local))));
            List<FetchNode> builtChildren = children.get(group).stream().map(this::node).toList();
            List<Integer> dependsOn = group.dependsOn.stream().map(ids::get).sorted().toList();
            return new FetchNode(id, group.subgraph, group.parentType, group.entity, List.copyOf(group.paths), requires, selection,
                    List.copyOf(group.clientFields), operationText, variables, connectors(group, selection), builtChildren,
                    Collections.unmodifiableMap(entityTypes), Map.copyOf(group.representedAs), dependsOn, aliased.renames());
        }

        /**
         * The representation fields of one entity type: {@code __typename} first, each field read from where the fetches
         * before keep it (an alias when they had to select it under one), and {@code __typename} inside every nested
         * selection with fragments, so that each fragment applies to the objects of its type.
         */
        private SelectionSet representation(FetchGroup group, String localType, SelectionBuilder builder) {
            Map<String, SelectionBuilder.FieldBuilder> sources = group.sources.getOrDefault(localType, Map.of());
            List<Selection> selections = new ArrayList<>();
            selections.add(Field.newField("__typename").build());
            for (Selection<?> selection : builder.build().getSelections()) {
                if (!(selection instanceof Field field)) {
                    selections.add(selection);
                    continue;
                }
                SelectionBuilder.FieldBuilder source = sources.get(field.getName());
                String alias = source != null && !source.key().equals(field.getName()) ? source.key() : null;
                selections.add(field.transform(b -> b.alias(alias).selectionSet(withNestedTypename(field.getSelectionSet()))));
            }
            return SelectionSet.newSelectionSet(selections).build();
        }

        private static SelectionSet withNestedTypename(SelectionSet selectionSet) {
            if (selectionSet == null) {
                return null;
            }
            List<Selection> selections = new ArrayList<>();
            boolean fragments = !selectionSet.getSelectionsOfType(InlineFragment.class).isEmpty();
            boolean hasTypename = selectionSet.getSelectionsOfType(Field.class).stream().anyMatch(f -> f.getName().equals("__typename"));
            if (fragments && !hasTypename) {
                selections.add(Field.newField("__typename").build());
            }
            for (Selection<?> selection : selectionSet.getSelections()) {
                if (selection instanceof Field field) {
                    selections.add(field.transform(b -> b.selectionSet(withNestedTypename(field.getSelectionSet()))));
                } else if (selection instanceof InlineFragment inline) {
                    selections.add(inline.transform(b -> b.selectionSet(withNestedTypename(inline.getSelectionSet()))));
                }
            }
            return SelectionSet.newSelectionSet(selections).build();
        }

        /** One inline fragment per entity type: the selection of a fetch that serves several. */
        private static SelectionSet perType(FetchGroup group) {
            List<Selection> fragments = new ArrayList<>();
            fragments.add(fragment(group.parentType, group.selection));
            group.otherTypes.forEach((type, builder) -> fragments.add(fragment(type, builder)));
            return SelectionSet.newSelectionSet(fragments).build();
        }

        private static Selection fragment(String type, SelectionBuilder builder) {
            return InlineFragment.newInlineFragment().typeCondition(TypeName.newTypeName(type).build()).selectionSet(builder.build()).build();
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
}
