package dev.fedbff.gateway.core;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object as results travel through the engine: members in the order they arrived (a subgraph's answer, a
 * representation, a response object), looked up by name. Values are {@code null}, {@link String}, {@link Boolean},
 * {@link Number}, {@code JsonObject} or {@link List} of those. Two flat arrays instead of a hash map per object: most
 * result objects have a handful of members, and a large one gets an index on first lookup.
 *
 * <p>Mutable, for the one merger that builds a response from many answers; not thread-safe. {@link #EMPTY} is frozen.
 */
public final class JsonObject {

    /** An object with no members, which refuses {@link #put}. */
    public static final JsonObject EMPTY = new JsonObject(0).freeze();

    private static final int INDEX_ABOVE = 8;

    private String[] keys;
    private @Nullable Object[] values;
    private int size;
    private @Nullable HashMap<String, Integer> index;
    private boolean frozen;

    public JsonObject() {
        this(4);
    }

    public JsonObject(int capacity) {
        this.keys = new String[Math.max(capacity, 1)];
        this.values = new Object[keys.length];
    }

    /** An object of the given members, e.g. {@code JsonObject.of("line", 3, "column", 7)}. */
    public static JsonObject of(Object... keysAndValues) {
        JsonObject object = new JsonObject(keysAndValues.length / 2);
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    /** A deep copy of {@code map} (and of every map and list in it) as JSON values. */
    public static JsonObject from(Map<?, ?> map) {
        JsonObject object = new JsonObject(map.size());
        map.forEach((key, value) -> object.put(String.valueOf(key), fromJava(value)));
        return object;
    }

    /** A plain Java value (maps, lists, scalars) as a JSON value: maps become {@code JsonObject}s, deeply. */
    public static @Nullable Object fromJava(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return from(map);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(fromJava(item)));
            return out;
        }
        return value;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The name of the {@code i}th member. */
    public String key(int i) {
        return keys[i];
    }

    /** The value of the {@code i}th member. */
    public @Nullable Object value(int i) {
        return values[i];
    }

    /** The value of the member {@code key}; null when it is null or absent. */
    public @Nullable Object get(String key) {
        int at = indexOf(key);
        return at < 0 ? null : values[at];
    }

    /** True when the object has a member {@code key}, even a null one. */
    public boolean has(String key) {
        return indexOf(key) >= 0;
    }

    /** Sets the member {@code key}: in its place when it exists, else after the others. */
    public JsonObject put(String key, @Nullable Object value) {
        writable();
        int at = indexOf(key);
        if (at >= 0) {
            values[at] = value;
            return this;
        }
        return add(key, value);
    }

    /**
     * Appends a member the caller knows the object does not have yet (a builder of distinct keys, such as the
     * response's shaper), without looking it up.
     */
    public JsonObject add(String key, @Nullable Object value) {
        writable();
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        if (index != null) {
            index.put(key, size);
        }
        size++;
        return this;
    }

    /** Sets every member of {@code other} (as {@link #put} does, in {@code other}'s order); its values are shared, not copied. */
    public JsonObject putAll(JsonObject other) {
        for (int i = 0; i < other.size; i++) {
            put(other.keys[i], other.values[i]);
        }
        return this;
    }

    /** Sets the value of the {@code i}th member. */
    public void set(int i, @Nullable Object value) {
        writable();
        values[i] = value;
    }

    private void writable() {
        if (frozen) {
            throw new UnsupportedOperationException("this JsonObject is frozen");
        }
    }

    /** This object, refusing changes from now on. */
    public JsonObject freeze() {
        frozen = true;
        return this;
    }

    private int indexOf(String key) {
        if (size > INDEX_ABOVE) {
            return indexed().getOrDefault(key, -1);
        }
        for (int i = 0; i < size; i++) {
            String candidate = keys[i];
            if (candidate == key || candidate.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private HashMap<String, Integer> indexed() {
        HashMap<String, Integer> built = index;
        if (built == null) {
            built = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                built.putIfAbsent(keys[i], i);
            }
            index = built;
        }
        return built;
    }

    /** A deep copy, for a value that must not be changed through another's merge. */
    public JsonObject copy() {
        JsonObject out = new JsonObject(size);
        for (int i = 0; i < size; i++) {
            out.put(keys[i], copyOf(values[i]));
        }
        return out;
    }

    private static @Nullable Object copyOf(@Nullable Object value) {
        if (value instanceof JsonObject object) {
            return object.copy();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(copyOf(item)));
            return out;
        }
        return value;
    }

    /** The object as plain Java maps and lists, deeply: for APIs that take maps (graphql-java's variables, tests). */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            out.put(keys[i], toJava(values[i]));
        }
        return out;
    }

    /** A JSON value as plain Java: {@code JsonObject}s become maps, deeply. */
    public static @Nullable Object toJava(@Nullable Object value) {
        if (value instanceof JsonObject object) {
            return object.toMap();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(toJava(item)));
            return out;
        }
        return value;
    }

    /** Equal when both have the same members with equal values, in any order (as JSON objects are). */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof JsonObject that) || that.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            int at = that.indexOf(keys[i]);
            if (at < 0 || !java.util.Objects.equals(values[i], that.values[at])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (int i = 0; i < size; i++) {
            hash += keys[i].hashCode() ^ java.util.Objects.hashCode(values[i]);
        }
        return hash;
    }

    /** The object as JSON text. */
    @Override
    public String toString() {
        return new String(Json.write(this), java.nio.charset.StandardCharsets.UTF_8);
    }
}
