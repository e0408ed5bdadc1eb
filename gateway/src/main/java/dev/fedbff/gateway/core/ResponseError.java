package dev.fedbff.gateway.core;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a GraphQL response's {@code errors}, whoever found it: the gateway (a request error, a failed fetch, a
 * field the caller may not read, a nulled non-null field) or a subgraph (forwarded with its path rewritten to the
 * client's). The one record errors travel in from the moment they arise until the response is written; nothing reads
 * an error back by key.
 *
 * @param locations  where in the client's document, for parse and validation errors; empty otherwise
 * @param path       the client's response path ({@code ["me", "orders", 0, "payment"]}); null for request errors
 * @param code       {@code extensions.code}
 * @param service    {@code extensions.serviceName}: the subgraph or backend the error comes from; null for the gateway's own
 * @param httpStatus {@code extensions.http.status}: the backend's HTTP status, for a REST call it refused; null otherwise
 * @param extensions a subgraph's own {@code extensions}, as it sent them (written in its order, with {@code code}
 *                   and {@code serviceName} taking their places); empty for the gateway's own errors
 */
public record ResponseError(String message, List<Location> locations, @Nullable List<Object> path, String code,
                            @Nullable String service, @Nullable Integer httpStatus, JsonObject extensions) {

    /** The extension naming the trace of the request that answered the error: written last. */
    public static final String TRACE_ID = "traceId";

    /** The code of a subgraph's error that names none. */
    public static final String DOWNSTREAM_SERVICE_ERROR = "DOWNSTREAM_SERVICE_ERROR";

    /** A line and column in the client's document, 1-based. */
    public record Location(int line, int column) {
    }

    public ResponseError {
        locations = List.copyOf(locations);
        path = path == null ? null : List.copyOf(path);
    }

    /** An error of the request as a whole (no path): bad JSON, a syntax error, a limit, ... */
    public static ResponseError request(String code, String message) {
        return new ResponseError(message, List.of(), null, code, null, null, JsonObject.EMPTY);
    }

    /** An error at a field of the response. */
    public static ResponseError at(List<Object> path, String code, String message) {
        return new ResponseError(message, List.of(), path, code, null, null, JsonObject.EMPTY);
    }

    /**
     * An error a subgraph sent, before its path is rewritten: its {@code message}, {@code path} and {@code extensions}
     * (with {@code extensions.code}, or {@value #DOWNSTREAM_SERVICE_ERROR}); other members are dropped.
     */
    public static ResponseError fromSubgraph(String service, @Nullable String message, @Nullable List<Object> path, JsonObject extensions) {
        String code = extensions.get("code") instanceof String own ? own : DOWNSTREAM_SERVICE_ERROR;
        return new ResponseError(message == null ? "error in subgraph " + service : message, List.of(), path, code, service, null, extensions);
    }

    public ResponseError withLocations(List<Location> locations) {
        return new ResponseError(message, locations, path, code, service, httpStatus, extensions);
    }

    public ResponseError withPath(@Nullable List<Object> path) {
        return new ResponseError(message, locations, path, code, service, httpStatus, extensions);
    }

    public ResponseError withService(String service) {
        return new ResponseError(message, locations, path, code, service, httpStatus, extensions);
    }

    public ResponseError withHttpStatus(int status) {
        return new ResponseError(message, locations, path, code, service, status, extensions);
    }

    /** The same error with one more member in {@code extensions}, after the others. */
    public ResponseError withExtension(String key, Object value) {
        JsonObject more = extensions.copy();
        more.put(key, value);
        return new ResponseError(message, locations, path, code, service, httpStatus, more);
    }

    /** True when the error's path is {@code prefix} or lies below it. */
    public boolean under(List<Object> prefix) {
        return path != null && path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /** The error as JSON: {@code message}, {@code locations}, {@code path}, {@code extensions}, in that order. */
    public JsonObject toJson() {
        JsonObject out = new JsonObject(4);
        out.put("message", message);
        if (!locations.isEmpty()) {
            List<Object> places = new ArrayList<>(locations.size());
            locations.forEach(location -> places.add(JsonObject.of("line", location.line(), "column", location.column())));
            out.put("locations", places);
        }
        if (path != null) {
            out.put("path", path);
        }
        out.put("extensions", extensionsJson());
        return out;
    }

    /**
     * The subgraph's own extensions in their order, {@code code} and {@code serviceName} at their places or after
     * them; then the backend's HTTP status.
     */
    private JsonObject extensionsJson() {
        JsonObject out = new JsonObject(extensions.size() + 3);
        boolean codeWritten = false;
        boolean serviceWritten = false;
        for (int i = 0; i < extensions.size(); i++) {
            String key = extensions.key(i);
            if (key.equals("code")) {
                out.put(key, code);
                codeWritten = true;
            } else if (key.equals(TRACE_ID)) {
                continue;
            } else if (key.equals("serviceName") && service != null) {
                out.put(key, service);
                serviceWritten = true;
            } else {
                out.put(key, extensions.value(i));
            }
        }
        if (!codeWritten) {
            out.put("code", code);
        }
        if (service != null && !serviceWritten) {
            out.put("serviceName", service);
        }
        if (httpStatus != null) {
            out.put("http", JsonObject.of("status", httpStatus));
        }
        if (extensions.get(TRACE_ID) instanceof String traceId) {
            out.put(TRACE_ID, traceId);
        }
        return out;
    }
}
