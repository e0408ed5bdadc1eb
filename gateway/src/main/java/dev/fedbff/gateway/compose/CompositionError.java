package dev.fedbff.gateway.compose;

/**
 * One composition problem, located in a schema file. Codes follow Apollo's composition error codes
 * where one exists (for example {@code KEY_INVALID_FIELDS}), so an Apollo user recognises them.
 */
public record CompositionError(String file, int line, int column, String code, String message) {

    /** The one-line form shown at start-up and in CI: {@code schema/orders.graphqls:12:3: KEY_INVALID_FIELDS: ...}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + code + ": " + message;
    }
}
