package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.ResponseError;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP status and the GraphQL response: {@code errors}, {@code data} (absent for a request error, possibly
 * {@code null} after execution) and {@code extensions}.
 *
 * @param hasData false for a request error, whose body has no {@code data} member at all
 */
public record GraphQLResponse(int status, List<ResponseError> errors, @Nullable Map<String, Object> data, boolean hasData, JsonObject extensions) {

    public GraphQLResponse {
        errors = List.copyOf(errors);
    }

    /** A request error: no {@code data}, one error with a code, and the status the GraphQL-over-HTTP spec asks for. */
    public static GraphQLResponse requestError(int status, String code, String message) {
        return requestErrors(status, List.of(ResponseError.request(code, message)));
    }

    /** Request errors: no {@code data}. */
    public static GraphQLResponse requestErrors(int status, List<ResponseError> errors) {
        return new GraphQLResponse(status, errors, null, false, JsonObject.EMPTY);
    }

    /** An executed operation's response: 200, its data and errors. */
    public static GraphQLResponse executed(@Nullable Map<String, Object> data, List<ResponseError> errors, JsonObject extensions) {
        return new GraphQLResponse(200, errors, data, true, extensions);
    }

    /** The same response answered with another HTTP status. */
    public GraphQLResponse withStatus(int status) {
        return new GraphQLResponse(status, errors, data, hasData, extensions);
    }

    /** The same response with {@code extensions.traceId} on each error, so a client's report leads to the trace. */
    public GraphQLResponse withTraceId(String traceId) {
        if (errors.isEmpty()) {
            return this;
        }
        List<ResponseError> traced = new ArrayList<>(errors.size());
        errors.forEach(error -> traced.add(error.withExtension("traceId", traceId)));
        return new GraphQLResponse(status, traced, data, hasData, extensions);
    }

    /** The same response with one more member in {@code extensions}. */
    public GraphQLResponse withExtension(String name, Object value) {
        JsonObject more = extensions.copy();
        more.put(name, value);
        return new GraphQLResponse(status, errors, data, hasData, more);
    }

    /** The body as JSON members, in the order clients get them: {@code errors}, {@code data}, {@code extensions}. */
    public JsonObject body() {
        JsonObject body = new JsonObject(3);
        if (!errors.isEmpty()) {
            List<JsonObject> list = new ArrayList<>(errors.size());
            errors.forEach(error -> list.add(error.toJson()));
            body.put("errors", list);
        }
        if (hasData) {
            body.put("data", data);
        }
        if (!extensions.isEmpty()) {
            body.put("extensions", extensions);
        }
        return body;
    }
}
