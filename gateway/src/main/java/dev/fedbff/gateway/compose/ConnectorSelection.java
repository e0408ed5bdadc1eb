package dev.fedbff.gateway.compose;

import dev.fedbff.gateway.core.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code selection} of an {@code @connect}: Apollo Connectors' mapping language, the part that maps
 * a JSON response onto GraphQL fields. Supported forms:
 * <pre>
 * id name                  copy fields
 * price: priceCents        rename
 * city: address.city       read a nested path
 * items { id name }        descend into an object or, element by element, a list
 * payment: { id status }   build a nested object from fields of the current one
 * $.results { id }         unwrap: map the object found at a path
 * </pre>
 * Parsed once at composition; {@link #apply} is pure and thread-safe.
 */
public final class ConnectorSelection {

    /** One output field: its name and how to compute it from the current JSON value. */
    record Item(String name, List<String> path, ConnectorSelection sub, boolean unwrap) {
    }

    private final List<Item> items;

    private ConnectorSelection(List<Item> items) {
        this.items = List.copyOf(items);
    }

    public static ConnectorSelection parse(String text) {
        Reader reader = new Reader(text);
        ConnectorSelection selection = reader.selection();
        reader.skipSpace();
        if (!reader.atEnd()) {
            throw reader.error("unexpected '" + reader.peek() + "'");
        }
        return selection;
    }

    List<Item> items() {
        return items;
    }

    /** The output field names of this level (for validation against the GraphQL type). */
    public List<String> fieldNames() {
        return items.stream().filter(item -> !item.unwrap()).map(Item::name).toList();
    }

    /** The sub-selection that produces {@code field}, or null when the field is copied as it is. */
    public ConnectorSelection subSelection(String field) {
        for (Item item : items) {
            if (item.name().equals(field)) {
                return item.sub();
            }
        }
        return null;
    }

    /** Maps a JSON value ({@link JsonObject}s, lists, scalars as {@code Json.tree} reads them) onto the GraphQL shape. */
    public Object apply(Object json) {
        if (json instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(apply(element));
            }
            return out;
        }
        if (!(json instanceof JsonObject object)) {
            return null;
        }
        if (items.size() == 1 && items.get(0).unwrap()) {
            return applyItem(items.get(0), object);
        }
        JsonObject out = new JsonObject(items.size());
        for (Item item : items) {
            Object value = applyItem(item, object);
            if (item.unwrap()) {
                if (value instanceof JsonObject nested) {
                    out.putAll(nested);
                }
            } else {
                out.put(item.name(), value);
            }
        }
        return out;
    }

    private static Object applyItem(Item item, JsonObject object) {
        Object value = item.path().isEmpty() ? object : read(object, item.path());
        return item.sub() == null ? value : item.sub().apply(value);
    }

    private static Object read(Object value, List<String> path) {
        Object current = value;
        for (String segment : path) {
            if (!(current instanceof JsonObject object)) {
                return null;
            }
            current = object.get(segment);
        }
        return current;
    }

    /** A small recursive-descent reader; positions in errors are 1-based line:column within the selection. */
    static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        ConnectorSelection selection() {
            List<Item> items = new ArrayList<>();
            skipSpace();
            while (!atEnd() && peek() != '}') {
                items.add(item());
                skipSpace();
            }
            if (items.isEmpty()) {
                throw error("empty selection");
            }
            return new ConnectorSelection(items);
        }

        private Item item() {
            if (peek() == '$') {
                List<String> path = dollarPath();
                return new Item("$", path, optionalSub(), true);
            }
            String name = name();
            skipSpace();
            if (atEnd() || peek() != ':') {
                return new Item(name, List.of(name), optionalSub(), false);
            }
            pos++;
            skipSpace();
            if (atEnd()) {
                throw error("a value is missing after \"" + name + ":\"");
            }
            if (peek() == '{') {
                return new Item(name, List.of(), sub(), false);
            }
            List<String> path = peek() == '$' ? dollarPath() : dottedPath();
            return new Item(name, path, optionalSub(), false);
        }

        private List<String> dollarPath() {
            pos++;
            if (atEnd() || peek() != '.') {
                return List.of();
            }
            pos++;
            return dottedPath();
        }

        private List<String> dottedPath() {
            List<String> path = new ArrayList<>();
            path.add(name());
            while (!atEnd() && peek() == '.') {
                pos++;
                path.add(name());
            }
            return path;
        }

        private ConnectorSelection optionalSub() {
            skipSpace();
            return !atEnd() && peek() == '{' ? sub() : null;
        }

        private ConnectorSelection sub() {
            pos++;
            ConnectorSelection selection = selection();
            skipSpace();
            if (atEnd() || peek() != '}') {
                throw error("missing '}'");
            }
            pos++;
            return selection;
        }

        private String name() {
            skipSpace();
            if (!atEnd() && peek() == '"') {
                int end = text.indexOf('"', pos + 1);
                if (end < 0) {
                    throw error("unterminated string");
                }
                String quoted = text.substring(pos + 1, end);
                pos = end + 1;
                return quoted;
            }
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error(atEnd() ? "a field name is missing at the end" : "expected a field name, found '" + peek() + "'");
            }
            return text.substring(start, pos);
        }

        void skipSpace() {
            while (!atEnd()) {
                char c = peek();
                if (c == '#') {
                    while (!atEnd() && peek() != '\n') {
                        pos++;
                    }
                } else if (Character.isWhitespace(c) || c == ',') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(problem + " at offset " + pos + " of selection \"" + text.strip() + "\"");
        }
    }
}
