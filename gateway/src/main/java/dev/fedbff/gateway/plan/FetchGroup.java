package dev.fedbff.gateway.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fetch under construction while {@link QueryPlanner} plans one operation: its subgraph, the entity types it serves
 * at its paths, what it selects on each, and the fetches it waits for. Mutable, and never seen outside planning.
 */
final class FetchGroup {
    final int order;
    final String subgraph;
    final String parentType;
    final boolean entity;
    final List<List<String>> paths = new ArrayList<>();
    final Set<FetchGroup> dependsOn = new LinkedHashSet<>();
    final SelectionBuilder requires;
    final SelectionBuilder selection;
    final Map<String, SelectionBuilder> otherTypes = new LinkedHashMap<>();
    final Map<String, SelectionBuilder> otherRequires = new LinkedHashMap<>();
    final List<String> clientFields = new ArrayList<>();
    /** The entity types this fetch serves, each with the type the subgraph knows it as. */
    final Map<String, String> served = new LinkedHashMap<>();
    /** Entity types sent with another {@code __typename}: the interface an {@code @interfaceObject} subgraph knows them as. */
    final Map<String, String> representedAs = new LinkedHashMap<>();
    /**
     * Where the fetches before this one keep each representation field, by the type the subgraph knows and field name:
     * a field they had to select under an alias is read back from there.
     */
    final Map<String, Map<String, SelectionBuilder.FieldBuilder>> sources = new LinkedHashMap<>();
    private final SelectionBuilder.Aliases aliases;

    FetchGroup(int order, String subgraph, String parentType, boolean entity, List<String> path, SelectionBuilder.Aliases aliases) {
        this.order = order;
        this.subgraph = subgraph;
        this.parentType = parentType;
        this.entity = entity;
        this.paths.add(path);
        this.aliases = aliases;
        this.requires = new SelectionBuilder(aliases);
        this.selection = new SelectionBuilder(aliases);
    }

    List<String> path() {
        return paths.get(0);
    }

    SelectionBuilder selectionFor(String type) {
        return type.equals(parentType) ? selection : otherTypes.computeIfAbsent(type, t -> new SelectionBuilder(aliases));
    }

    SelectionBuilder requiresFor(String type) {
        return type.equals(parentType) ? requires : otherRequires.computeIfAbsent(type, t -> new SelectionBuilder(aliases));
    }

    void addClientField(String responseKey) {
        if (!clientFields.contains(responseKey)) {
            clientFields.add(responseKey);
        }
    }

    /** Whether this fetch serves its own entity type only, known by its own name: such fetches can join others. */
    boolean servesOnlyItsOwnType() {
        return otherTypes.isEmpty() && otherRequires.isEmpty() && representedAs.isEmpty()
                && served.keySet().stream().allMatch(parentType::equals);
    }

    /** Moves what this fetch asks for into {@code other}; this fetch is then dropped from the plan. */
    void joinInto(FetchGroup other) {
        other.requires.addAll(requires);
        other.selection.addAll(selection);
        otherTypes.forEach((type, builder) -> other.selectionFor(type).addAll(builder));
        otherRequires.forEach((type, builder) -> other.requiresFor(type).addAll(builder));
        served.forEach(other.served::putIfAbsent);
        representedAs.forEach(other.representedAs::putIfAbsent);
        sources.forEach((type, fields) -> other.sources.computeIfAbsent(type, t -> new LinkedHashMap<>()).putAll(fields));
        clientFields.forEach(other::addClientField);
        dependsOn.stream().filter(group -> group != other).forEach(other.dependsOn::add);
    }

    @Override
    public String toString() {
        return subgraph + "@" + String.join(".", path()) + "#" + order;
    }
}
