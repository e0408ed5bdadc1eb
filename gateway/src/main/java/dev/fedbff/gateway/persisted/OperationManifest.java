package dev.fedbff.gateway.persisted;

import dev.fedbff.gateway.core.Json;
import graphql.language.Document;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations a client ships, read from a file in Apollo's persisted-query manifest format (what
 * {@code @apollo/generate-persisted-query-manifest} writes and Apollo Router reads):
 *
 * <pre>{@code
 * {"format": "apollo-persisted-query-manifest", "version": 1,
 *  "operations": [{"id": "<sha256 of body>", "name": "Profile", "type": "query", "body": "query Profile { ... }"}]}
 * }</pre>
 *
 * Each body is looked up by its id, and recognised by its text in any formatting (whitespace, commas and comments aside).
 */
public final class OperationManifest {

    /** The value of {@code format} in every manifest. */
    public static final String FORMAT = "apollo-persisted-query-manifest";

    /** One entry: {@code type} is {@code query}, {@code mutation} or {@code subscription}. */
    public record Operation(String id, String name, String type, String body) {
    }

    /** No operations: nothing is resolved by id, nothing is in the safelist. */
    public static final OperationManifest EMPTY = new OperationManifest(List.of());

    private static final Set<String> TYPES = Set.of("query", "mutation", "subscription");

    private final List<Operation> operations;
    private final Map<String, Operation> byId = new HashMap<>();
    private final Set<String> bodies = new HashSet<>();
    private final Set<String> normalizedBodies = new HashSet<>();

    private OperationManifest(List<Operation> operations) {
        this.operations = List.copyOf(operations);
        for (Operation operation : operations) {
            byId.put(operation.id(), operation);
            bodies.add(operation.body());
            normalizedBodies.add(OperationBody.normalized(OperationBody.parse(operation.body()).orElseThrow()));
        }
    }

    /**
     * Reads a manifest.
     *
     * @param source how messages name the file, e.g. {@code classpath:persisted-query-manifest.json}
     * @throws IllegalArgumentException naming the source, the entry and what is wrong with it
     */
    public static OperationManifest parse(byte[] json, String source) {
        Object root;
        try {
            root = Json.read(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": not JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> manifest)) {
            throw new IllegalArgumentException(source + ": expected an object with format, version and operations");
        }
        if (!FORMAT.equals(manifest.get("format"))) {
            throw new IllegalArgumentException(source + ": \"format\" must be \"" + FORMAT + "\", was " + describe(manifest.get("format")));
        }
        if (!(manifest.get("version") instanceof Integer version) || version != 1) {
            throw new IllegalArgumentException(source + ": \"version\" must be 1, was " + describe(manifest.get("version")));
        }
        if (!(manifest.get("operations") instanceof List<?> entries)) {
            throw new IllegalArgumentException(source + ": \"operations\" must be a list");
        }
        Map<String, Operation> operations = new java.util.LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Operation operation = operation(entries.get(i), source + ": operations[" + i + "]");
            Operation earlier = operations.putIfAbsent(operation.id(), operation);
            if (earlier != null && !earlier.body().equals(operation.body())) {
                throw new IllegalArgumentException(source + ": operations[" + i + "]: id " + operation.id() + " is used twice for different bodies");
            }
        }
        return new OperationManifest(List.copyOf(operations.values()));
    }

    /** Reads a manifest from UTF-8 text; see {@link #parse(byte[], String)}. */
    public static OperationManifest parse(String json, String source) {
        return parse(json.getBytes(StandardCharsets.UTF_8), source);
    }

    private static Operation operation(Object entry, String where) {
        if (!(entry instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException(where + ": expected an object with id, name, type and body");
        }
        String id = text(fields, "id", where);
        String body = text(fields, "body", where);
        String type = text(fields, "type", where);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(where + ": \"type\" must be query, mutation or subscription, was " + describe(type));
        }
        Optional<Document> document = OperationBody.parse(body);
        if (document.isEmpty()) {
            throw new IllegalArgumentException(where + " (" + id + "): \"body\" is not a GraphQL document");
        }
        Object name = fields.get("name");
        return new Operation(id, name instanceof String text ? text : "", type, body);
    }

    private static String text(Map<?, ?> fields, String key, String where) {
        if (!(fields.get(key) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException(where + ": \"" + key + "\" must be a non-empty string, was " + describe(fields.get(key)));
        }
        return value;
    }

    private static String describe(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }

    public List<Operation> operations() {
        return operations;
    }

    /** The body listed under {@code id}. */
    Optional<String> body(String id) {
        Operation operation = byId.get(id);
        return operation == null ? Optional.empty() : Optional.of(operation.body());
    }

    /** Whether the text is one of the listed bodies, exactly as listed. */
    boolean containsExactly(String body) {
        return bodies.contains(body);
    }

    /** Whether the document is one of the listed bodies in another formatting. */
    boolean contains(Document document) {
        return normalizedBodies.contains(OperationBody.normalized(document));
    }

    boolean isEmpty() {
        return operations.isEmpty();
    }
}
