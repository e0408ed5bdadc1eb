package dev.fedbff.gateway.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fetch under construction while {@link QueryPlanner} plans one operation: its subgraph, the entity types it serves
 * at its path, what it selects on each, and the fetches that wait for it. Mutable, and never seen outside planning.
 */
final class FetchGroup {
    final String subgraph;
    final String parentType;
    final boolean entity;
    final List<String> path;
    final FetchGroup parent;
    final SelectionBuilder requires = new SelectionBuilder();
    final SelectionBuilder selection = new SelectionBuilder();
    final Map<String, SelectionBuilder> otherTypes = new LinkedHashMap<>();
    final Map<String, SelectionBuilder> otherRequires = new LinkedHashMap<>();
    final List<String> clientFields = new ArrayList<>();
    final List<FetchGroup> children = new ArrayList<>();
    /** The entity types this fetch serves, each with the type the subgraph knows it as. */
    final Map<String, String> served = new LinkedHashMap<>();
    /** Entity types sent with another {@code __typename}: the interface an {@code @interfaceObject} subgraph knows them as. */
    final Map<String, String> representedAs = new LinkedHashMap<>();

    FetchGroup(String subgraph, String parentType, boolean entity, List<String> path, FetchGroup parent) {
        this.subgraph = subgraph;
        this.parentType = parentType;
        this.entity = entity;
        this.path = path;
        this.parent = parent;
    }

    boolean hasChild(String subgraph, String type, List<String> path) {
        return children.stream().anyMatch(c -> c.subgraph.equals(subgraph) && c.parentType.equals(type) && c.path.equals(path));
    }

    /**
     * The child fetch of {@code subgraph} for entities of {@code type} at {@code path}, which that subgraph knows as
     * {@code localType}; a GraphQL subgraph's fetch at one path serves every entity type there ({@code mergeTypes}),
     * so members of an interface or union share it.
     */
    FetchGroup child(String subgraph, String type, String localType, List<String> path, boolean mergeTypes) {
        FetchGroup child = children.stream().filter(c -> c.subgraph.equals(subgraph) && c.path.equals(path)
                && (c.parentType.equals(localType) || mergeTypes)).findFirst().orElse(null);
        if (child == null) {
            child = new FetchGroup(subgraph, localType, true, path, this);
            children.add(child);
        }
        child.served.putIfAbsent(type, localType);
        if (!type.equals(localType)) {
            child.representedAs.put(type, localType);
        }
        return child;
    }

    SelectionBuilder selectionFor(String type) {
        return type.equals(parentType) ? selection : otherTypes.computeIfAbsent(type, t -> new SelectionBuilder());
    }

    SelectionBuilder requiresFor(String type) {
        return type.equals(parentType) ? requires : otherRequires.computeIfAbsent(type, t -> new SelectionBuilder());
    }

    /**
     * Whether this fetch may be sent as part of {@code later} instead: both ask the same subgraph for the same one
     * entity type at the same path, {@code later} starts after this fetch would, and no fetch waits for this one, so
     * the wait costs no fetch its start time and saves a call (Apollo's planner merges such fetches too).
     */
    boolean canJoin(FetchGroup later) {
        return later != this && entity && later.entity && children.isEmpty() && subgraph.equals(later.subgraph)
                && path.equals(later.path) && parentType.equals(later.parentType) && servesOnlyItsOwnType()
                && later.servesOnlyItsOwnType();
    }

    private boolean servesOnlyItsOwnType() {
        return otherTypes.isEmpty() && otherRequires.isEmpty() && representedAs.isEmpty()
                && served.keySet().stream().allMatch(parentType::equals);
    }

    /** Moves what this fetch asks for into {@code later}; this fetch is then dropped from the plan. */
    void joinInto(FetchGroup later) {
        later.requires.addAll(requires);
        later.selection.addAll(selection);
        clientFields.stream().filter(field -> !later.clientFields.contains(field)).forEach(later.clientFields::add);
    }

    boolean isAncestorOf(FetchGroup other) {
        for (FetchGroup current = other.parent; current != null; current = current.parent) {
            if (current == this) {
                return true;
            }
        }
        return false;
    }
}
