package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.ResponseError;
import dev.fedbff.gateway.connect.SubgraphCallException;
import dev.fedbff.gateway.plan.FetchNode;
import graphql.language.Field;
import graphql.language.SelectionSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place where fetch results meet. Fetches finish on different threads; every read and write of the
 * tree goes through this class's synchronized methods, so no fetch sees another's half-merged answer.
 *
 * <p>Answers are merged as they were read, without a copy: a root answer's objects become the tree's, an entity's
 * answer becomes part of the object that receives it. When several objects receive one entity's answer (the same
 * representation at several places), they share the answer's nested objects unless a fetch that may still run merges
 * on the same line of paths (at, above or below the receivers), which could write into one receiver's part what
 * belongs to it alone; then each further receiver gets its own copy.
 */
final class ResultTree {

    private final JsonObject data = new JsonObject();
    private final List<ResponseError> errors = new ArrayList<>();
    private final java.util.Set<String> staleSubgraphs = new java.util.TreeSet<>();
    private final Set<Integer> shared;

    /** A tree for a plan of {@code nodes}: every fetch the execution may run. */
    ResultTree(List<FetchNode> nodes) {
        this.shared = shareable(nodes);
    }

    /** An object in the tree that an entity fetch adds to, and where it is; its client path is built only for errors. */
    record Target(JsonObject object, PathStep at) {
        List<Object> path() {
            java.util.ArrayDeque<Object> segments = new java.util.ArrayDeque<>();
            for (PathStep step = at; step != null; step = step.parent()) {
                segments.addFirst(step.segment());
            }
            return List.copyOf(segments);
        }
    }

    /** One step of a path from the root: a response key or a list index, after its parent's steps. */
    record PathStep(PathStep parent, Object segment) {
    }

    /** The distinct representations of an entity fetch and, for each, the objects that receive its answer. */
    record Targets(List<JsonObject> representations, List<List<Target>> receivers) {
        static final Targets ROOT = new Targets(List.of(), List.of());

        boolean isEmpty() {
            return representations.isEmpty();
        }
    }

    synchronized ExecutionResult result() {
        return new ExecutionResult(data, List.copyOf(errors), java.util.Set.copyOf(staleSubgraphs));
    }

    /**
     * The objects at the node's path of the types it serves, and their representations. An object whose type the
     * subgraph knows as an {@code @interfaceObject} is served as, and sent with the {@code __typename} of, that interface.
     */
    synchronized Targets targets(FetchNode node) {
        List<Target> found = new ArrayList<>();
        java.util.Set<String> types = new java.util.HashSet<>(node.entityTypes().keySet());
        node.representedAs().forEach((type, sentAs) -> {
            if (node.entityTypes().containsKey(sentAs)) {
                types.add(type);
            }
        });
        for (List<String> path : node.mergePaths()) {
            collect(data, path, 0, null, types, found);
        }
        Map<JsonObject, List<Target>> byRepresentation = new LinkedHashMap<>();
        for (Target target : found) {
            Object typename = target.object().get("__typename");
            String served = typename == null || node.entityTypes().containsKey(typename) ? (String) typename : node.representedAs().get(typename);
            SelectionSet requires = served == null ? node.requires() : node.entityTypes().getOrDefault(served, node.requires());
            JsonObject representation = representation(target.object(), requires);
            if (representation != null && node.representedAs().containsKey(typename)) {
                representation.put("__typename", node.representedAs().get(typename));
            }
            if (representation != null) {
                byRepresentation.computeIfAbsent(representation, r -> new ArrayList<>()).add(target);
            }
        }
        return new Targets(List.copyOf(byRepresentation.keySet()), List.copyOf(byRepresentation.values()));
    }

    private static void collect(Object value, List<String> path, int depth, PathStep at, java.util.Set<String> types, List<Target> found) {
        if (value == null) {
            return;
        }
        if (depth == path.size()) {
            if (value instanceof JsonObject object && (object.get("__typename") == null || types.contains(object.get("__typename")))) {
                found.add(new Target(object, at));
            }
            return;
        }
        String segment = path.get(depth);
        if (segment.equals("@") && value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), path, depth + 1, new PathStep(at, i), types, found);
            }
        } else if (value instanceof JsonObject object) {
            collect(object.get(segment), path, depth + 1, new PathStep(at, segment), types, found);
        }
    }

    /**
     * The representation: the object's fields named by the key and required fields, each read from its response key
     * (an alias when the plan had to select it under one) and sent under its own name; a nested selection applies its
     * fragments by the nested object's {@code __typename}, and a list is sent element by element. Null when one of them
     * is missing (the fetch that should have brought it failed); a field its subgraph answered with {@code null} is
     * sent as {@code null}, as Apollo's router sends it, and the receiving subgraph decides.
     */
    private static JsonObject representation(JsonObject object, SelectionSet requires) {
        JsonObject representation = new JsonObject();
        return addFields(object, requires, representation) ? representation : null;
    }

    private static boolean addFields(JsonObject object, SelectionSet selection, JsonObject representation) {
        for (graphql.language.Selection<?> selection1 : selection.getSelections()) {
            if (selection1 instanceof graphql.language.InlineFragment inline) {
                boolean applies = inline.getTypeCondition() == null || inline.getTypeCondition().getName().equals(object.get("__typename"));
                if (applies && !addFields(object, inline.getSelectionSet(), representation)) {
                    return false;
                }
                continue;
            }
            Field field = (Field) selection1;
            String key = field.getResultKey();
            if (!object.has(key)) {
                return false;
            }
            Object value = field.getSelectionSet() == null ? object.get(key) : nested(object.get(key), field.getSelectionSet());
            if (value == MISSING) {
                return false;
            }
            representation.put(field.getName(), value);
        }
        return true;
    }

    private static final Object MISSING = new Object();

    private static Object nested(Object value, SelectionSet selection) {
        if (value instanceof JsonObject object) {
            JsonObject nested = representation(object, selection);
            return nested == null ? MISSING : nested;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            for (Object item : list) {
                Object nested = nested(item, selection);
                if (nested == MISSING) {
                    return MISSING;
                }
                items.add(nested);
            }
            return items;
        }
        return value;
    }

    synchronized void merge(FetchNode node, Targets targets, FetchResult result) {
        if (result.stale()) {
            staleSubgraphs.add(node.subgraph());
        }
        if (!node.entity()) {
            if (node.renamed(result.data()) instanceof JsonObject answer) {
                deepMerge(data, answer);
            }
            result.errors().forEach(error -> errors.add(error.withService(node.subgraph())));
            return;
        }
        boolean share = shared.contains(node.id());
        for (int i = 0; i < targets.receivers().size() && i < result.entities().size(); i++) {
            if (node.renamed(result.entities().get(i)) instanceof JsonObject entity) {
                boolean first = true;
                for (Target target : targets.receivers().get(i)) {
                    deepMerge(target.object(), first || share ? entity : entity.copy());
                    first = false;
                }
            }
        }
        result.errors().forEach(error -> entityError(node, targets, error));
    }

    /** A subgraph's error about {@code _entities[i]...}, once at each object that received entity {@code i}. */
    private void entityError(FetchNode node, Targets targets, ResponseError error) {
        List<Object> path = error.path();
        if (path == null || path.size() < 2 || !"_entities".equals(path.get(0))
                || !(path.get(1) instanceof Number index) || index.intValue() >= targets.receivers().size()) {
            errors.add(error.withPath(null).withService(node.subgraph()));
            return;
        }
        List<?> rest = path.subList(2, path.size());
        for (Target target : targets.receivers().get(index.intValue())) {
            List<Object> clientPath = new ArrayList<>(target.path());
            clientPath.addAll(rest);
            errors.add(error.withPath(clientPath).withService(node.subgraph()));
        }
    }

    synchronized void fail(FetchNode node, Targets targets, Throwable failure) {
        String code = failure instanceof SubgraphCallException call ? call.fieldCode() : "SUBREQUEST_FAILED";
        String message = failure instanceof SubgraphCallException ? failure.getMessage()
                : "fetch from subgraph " + node.subgraph() + " failed: " + failure.getClass().getSimpleName();
        List<List<Object>> bases = new ArrayList<>();
        if (node.entity()) {
            targets.receivers().forEach(receivers -> receivers.forEach(target -> bases.add(target.path())));
        } else {
            bases.add(List.of());
        }
        for (List<Object> base : bases) {
            for (String field : node.clientFields()) {
                List<Object> path = new ArrayList<>(base);
                path.add(field);
                errors.add(ResponseError.at(path, code, message).withService(node.subgraph()));
            }
        }
    }

    private static void deepMerge(JsonObject target, JsonObject source) {
        for (int i = 0; i < source.size(); i++) {
            String key = source.key(i);
            Object existing = target.get(key);
            Object incoming = source.value(i);
            if (existing instanceof JsonObject left && incoming instanceof JsonObject right) {
                deepMerge(left, right);
            } else if (existing instanceof List<?> left && incoming instanceof List<?> right && left.size() == right.size()) {
                mergeLists(left, right);
            } else {
                target.put(key, incoming);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeLists(List<?> left, List<?> right) {
        for (int i = 0; i < left.size(); i++) {
            if (left.get(i) instanceof JsonObject l && right.get(i) instanceof JsonObject r) {
                deepMerge(l, r);
            } else if (left.get(i) == null) {
                ((List<Object>) left).set(i, right.get(i));
            }
        }
    }

    /**
     * The fetches whose entity answers several receivers may share: those no other fetch that is not already done
     * when they start (not among their dependencies) merges on the same line of paths with. Root fetches merge at the
     * root, which is on every line.
     */
    private static Set<Integer> shareable(List<FetchNode> nodes) {
        Map<Integer, FetchNode> byId = new HashMap<>();
        nodes.forEach(node -> byId.put(node.id(), node));
        Set<Integer> out = new HashSet<>();
        for (FetchNode node : nodes) {
            if (!node.entity()) {
                continue;
            }
            Set<Integer> before = dependencies(node, byId);
            boolean alone = nodes.stream().filter(other -> other != node && !before.contains(other.id()))
                    .noneMatch(other -> sameLine(paths(other), paths(node)));
            if (alone) {
                out.add(node.id());
            }
        }
        return out;
    }

    private static Set<Integer> dependencies(FetchNode node, Map<Integer, FetchNode> byId) {
        Set<Integer> seen = new HashSet<>();
        java.util.ArrayDeque<Integer> next = new java.util.ArrayDeque<>(node.dependsOn());
        while (!next.isEmpty()) {
            Integer id = next.pop();
            if (seen.add(id) && byId.containsKey(id)) {
                next.addAll(byId.get(id).dependsOn());
            }
        }
        return seen;
    }

    private static List<List<String>> paths(FetchNode node) {
        return !node.entity() || node.mergePaths().isEmpty() ? List.of(List.of()) : node.mergePaths();
    }

    /** True when one of the paths is a prefix of (or equal to) one of the others. */
    private static boolean sameLine(List<List<String>> these, List<List<String>> those) {
        for (List<String> a : these) {
            for (List<String> b : those) {
                int common = Math.min(a.size(), b.size());
                if (a.subList(0, common).equals(b.subList(0, common))) {
                    return true;
                }
            }
        }
        return false;
    }
}
