package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.connect.SubgraphCallException;
import dev.fedbff.gateway.plan.FetchNode;
import graphql.language.Field;
import graphql.language.SelectionSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where fetch results meet. Fetches finish on different threads; every read and write of the
 * tree goes through this class's synchronized methods, so no fetch sees another's half-merged answer.
 */
final class ResultTree {

    private final Map<String, Object> data = new LinkedHashMap<>();
    private final List<Map<String, Object>> errors = new ArrayList<>();
    private final java.util.Set<String> staleSubgraphs = new java.util.TreeSet<>();

    /** An object in the tree that an entity fetch adds to, and where it is; its client path is built only for errors. */
    record Target(Map<String, Object> object, PathStep at) {
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
    record Targets(List<Map<String, Object>> representations, List<List<Target>> receivers) {
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
        Map<Map<String, Object>, List<Target>> byRepresentation = new LinkedHashMap<>();
        for (Target target : found) {
            Object typename = target.object().get("__typename");
            String served = typename == null || node.entityTypes().containsKey(typename) ? (String) typename : node.representedAs().get(typename);
            SelectionSet requires = served == null ? node.requires() : node.entityTypes().getOrDefault(served, node.requires());
            Map<String, Object> representation = representation(target.object(), requires);
            if (representation != null && node.representedAs().containsKey(typename)) {
                representation.put("__typename", node.representedAs().get(typename));
            }
            if (representation != null) {
                byRepresentation.computeIfAbsent(representation, r -> new ArrayList<>()).add(target);
            }
        }
        return new Targets(List.copyOf(byRepresentation.keySet()), List.copyOf(byRepresentation.values()));
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object value, List<String> path, int depth, PathStep at, java.util.Set<String> types, List<Target> found) {
        if (value == null) {
            return;
        }
        if (depth == path.size()) {
            if (value instanceof Map<?, ?> object && (object.get("__typename") == null || types.contains(object.get("__typename")))) {
                found.add(new Target((Map<String, Object>) object, at));
            }
            return;
        }
        String segment = path.get(depth);
        if (segment.equals("@") && value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), path, depth + 1, new PathStep(at, i), types, found);
            }
        } else if (value instanceof Map<?, ?> object) {
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
    private static Map<String, Object> representation(Map<?, ?> object, SelectionSet requires) {
        Map<String, Object> representation = new LinkedHashMap<>();
        return addFields(object, requires, representation) ? representation : null;
    }

    private static boolean addFields(Map<?, ?> object, SelectionSet selection, Map<String, Object> representation) {
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
            if (!object.containsKey(key)) {
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
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> nested = representation(map, selection);
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

    @SuppressWarnings("unchecked")
    synchronized void merge(FetchNode node, Targets targets, FetchResult result) {
        if (result.stale()) {
            staleSubgraphs.add(node.subgraph());
        }
        if (!node.entity()) {
            if (result.data() != null) {
                deepMerge(data, (Map<String, Object>) node.renamed(result.data()));
            }
            result.errors().forEach(error -> errors.add(withService(error, node.subgraph(), (List<Object>) error.get("path"))));
            return;
        }
        for (int i = 0; i < targets.receivers().size() && i < result.entities().size(); i++) {
            if (node.renamed(result.entities().get(i)) instanceof Map<?, ?> entity) {
                boolean first = true;
                for (Target target : targets.receivers().get(i)) {
                    deepMerge(target.object(), first ? (Map<String, Object>) entity : (Map<String, Object>) copy(entity));
                    first = false;
                }
            }
        }
        result.errors().forEach(error -> entityError(node, targets, error));
    }

    private void entityError(FetchNode node, Targets targets, Map<String, Object> error) {
        if (!(error.get("path") instanceof List<?> path) || path.size() < 2 || !"_entities".equals(path.get(0))
                || !(path.get(1) instanceof Number index) || index.intValue() >= targets.receivers().size()) {
            errors.add(withService(error, node.subgraph(), null));
            return;
        }
        List<?> rest = path.subList(2, path.size());
        for (Target target : targets.receivers().get(index.intValue())) {
            List<Object> clientPath = new ArrayList<>(target.path());
            clientPath.addAll(rest);
            errors.add(withService(error, node.subgraph(), clientPath));
        }
    }

    synchronized void fail(FetchNode node, Targets targets, Throwable failure) {
        String code = failure instanceof SubgraphCallException call ? call.code() : "SUBREQUEST_FAILED";
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
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("message", message);
                error.put("path", path);
                error.put("extensions", Map.of("code", code, "serviceName", node.subgraph()));
                errors.add(error);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withService(Map<String, Object> error, String service, List<Object> path) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", error.getOrDefault("message", "error in subgraph " + service));
        if (path != null) {
            out.put("path", path);
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.get("extensions") instanceof Map<?, ?> original) {
            extensions.putAll((Map<String, Object>) original);
        }
        extensions.putIfAbsent("code", "DOWNSTREAM_SERVICE_ERROR");
        extensions.put("serviceName", service);
        out.put("extensions", extensions);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> target, Map<String, Object> source) {
        for (Map.Entry<String, Object> entry : source.entrySet()) {
            Object existing = target.get(entry.getKey());
            Object incoming = entry.getValue();
            if (existing instanceof Map<?, ?> left && incoming instanceof Map<?, ?> right) {
                deepMerge((Map<String, Object>) left, (Map<String, Object>) right);
            } else if (existing instanceof List<?> left && incoming instanceof List<?> right && left.size() == right.size()) {
                mergeLists((List<Object>) left, (List<Object>) right);
            } else {
                target.put(entry.getKey(), incoming);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeLists(List<Object> left, List<Object> right) {
        for (int i = 0; i < left.size(); i++) {
            if (left.get(i) instanceof Map<?, ?> l && right.get(i) instanceof Map<?, ?> r) {
                deepMerge((Map<String, Object>) l, (Map<String, Object>) r);
            } else if (left.get(i) == null) {
                left.set(i, right.get(i));
            }
        }
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, copy(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(copy(item)));
            return out;
        }
        return value;
    }
}
