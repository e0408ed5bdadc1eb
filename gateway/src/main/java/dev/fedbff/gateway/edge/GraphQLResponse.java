package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.ResponseError;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP status and the GraphQL response: {@code errors}, {@code data} (absent for a request error, possibly
 * {@code null} after execution) and {@code extensions}.
 *
 * @param hasData false for a request error, whose body has no {@code data} member at all
 */
public record GraphQLResponse(int status, List<ResponseError> errors, @Nullable JsonObject data, boolean hasData, JsonObject extensions) {

    /** What a response buffer starts with; it grows as the body is written. */
    private static final int FIRST_BUFFER_BYTES = 4096;

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
    public static GraphQLResponse executed(@Nullable JsonObject data, List<ResponseError> errors, JsonObject extensions) {
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

    /**
     * The body, written once: JSON generated from {@link #body()} straight into the response's (pooled) buffer, with no
     * byte array or map in between.
     */
    public BodyInserter<JsonObject, ReactiveHttpOutputMessage> writer() {
        JsonObject body = body();
        return (message, context) -> message.writeWith(Mono.fromSupplier(() -> {
            DataBuffer buffer = message.bufferFactory().allocateBuffer(FIRST_BUFFER_BYTES);
            try {
                Json.write(body, buffer.asOutputStream());
                return buffer;
            } catch (RuntimeException e) {
                DataBufferUtils.release(buffer);
                throw e;
            }
        }));
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
