package dev.fedbff.gateway.plan;

import graphql.language.Field;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A part of a value type's selection, by response key: a key the part holds whole, or the part of its own selection
 * it holds. What one way of a split resolves, and what is still missing.
 */
final class Cover {

    static final Cover EMPTY = new Cover(Map.of());
    /** The whole selection of a key. */
    static final Cover ALL = new Cover(null);

    private final Map<String, Cover> keys;

    Cover(Map<String, Cover> keys) {
        this.keys = keys;
    }

    /** The whole selection of {@code occurrences}, key by key down through nested object types. */
    static Cover of(RouteFinder finder, GraphQLObjectType type, List<Field> occurrences) {
        Map<String, Cover> keys = new LinkedHashMap<>();
        finder.collect(type, FieldCollector.subSelections(occurrences)).forEach((key, fields) -> {
            GraphQLObjectType nested = objectType(type, fields);
            keys.put(key, nested == null ? ALL : of(finder, nested, fields));
        });
        return new Cover(keys);
    }

    boolean isEmpty() {
        return keys != null && keys.isEmpty();
    }

    /** The leaf fields held. */
    int leaves() {
        if (keys == null) {
            return 1;
        }
        return keys.values().stream().mapToInt(Cover::leaves).sum();
    }

    Cover intersect(Cover other) {
        if (keys == null) {
            return other;
        }
        if (other.keys == null) {
            return this;
        }
        Map<String, Cover> both = new LinkedHashMap<>();
        keys.forEach((key, cover) -> {
            if (other.keys.containsKey(key)) {
                Cover common = cover.intersect(other.keys.get(key));
                if (!common.isEmpty()) {
                    both.put(key, common);
                }
            }
        });
        return new Cover(both);
    }

    Cover minus(Cover other) {
        if (other.keys == null) {
            return EMPTY;
        }
        if (keys == null) {
            return this;
        }
        Map<String, Cover> rest = new LinkedHashMap<>();
        keys.forEach((key, cover) -> {
            Cover taken = other.keys.get(key);
            Cover left = taken == null ? cover : cover.minus(taken);
            if (!left.isEmpty()) {
                rest.put(key, left);
            }
        });
        return new Cover(rest);
    }

    /** The occurrences of a field with their selection narrowed to this part (new fields, one occurrence). */
    List<Field> narrow(RouteFinder finder, GraphQLObjectType type, List<Field> occurrences) {
        if (keys == null) {
            return occurrences;
        }
        List<Selection> selections = new ArrayList<>();
        finder.collect(type, FieldCollector.subSelections(occurrences)).forEach((key, fields) -> {
            Cover cover = keys.get(key);
            if (cover == null) {
                return;
            }
            GraphQLObjectType nested = objectType(type, fields);
            selections.addAll(nested == null ? fields : cover.narrow(finder, nested, fields));
        });
        Field first = occurrences.get(0);
        return List.of(first.transform(b -> b.selectionSet(SelectionSet.newSelectionSet(selections).build())));
    }

    private static GraphQLObjectType objectType(GraphQLObjectType parent, List<Field> fields) {
        GraphQLFieldDefinition definition = parent.getFieldDefinition(fields.get(0).getName());
        return definition != null && GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLObjectType object ? object : null;
    }
}
