package dev.fedbff.gateway.connect;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSetter;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.ResponseError;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A GraphQL subgraph's answer as it comes over the wire, read straight into its parts: {@code data} as sent, read
 * into {@link JsonObject}s (and whether it was sent at all, {@code null} included), and the {@code errors} as typed
 * records, turned into {@link ResponseError}s without reading any map back by key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class SubgraphAnswer {

    /** One entry of {@code errors} as the subgraph sent it; a member of the wrong JSON type counts as absent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record WireError(@Nullable Object message, @Nullable Object path,
                     @JsonDeserialize(using = Json.TreeDeserializer.class) @Nullable Object extensions) {

        @SuppressWarnings("unchecked")
        ResponseError toResponseError(String service) {
            return ResponseError.fromSubgraph(service, message instanceof String text ? text : null,
                    path instanceof List<?> steps ? (List<Object>) steps : null,
                    extensions instanceof JsonObject members ? members : JsonObject.EMPTY);
        }
    }

    private @Nullable Object data;
    private boolean dataSent;
    private @Nullable List<@Nullable WireError> errors;
    private boolean errorsSent;

    @JsonSetter("data")
    @JsonDeserialize(using = Json.TreeDeserializer.class)
    void data(@Nullable Object value) {
        data = value;
        dataSent = true;
    }

    @JsonSetter("errors")
    void errors(@Nullable List<@Nullable WireError> value) {
        errors = value;
        errorsSent = true;
    }

    /** A GraphQL response has {@code data}, {@code errors} or both. */
    boolean isGraphQLResponse() {
        return dataSent || errorsSent;
    }

    @Nullable Object data() {
        return data;
    }

    /** The errors as the gateway's records, each naming {@code service}. */
    List<ResponseError> errors(String service) {
        if (errors == null) {
            return List.of();
        }
        List<ResponseError> out = new ArrayList<>(errors.size());
        for (WireError error : errors) {
            out.add((error == null ? new WireError(null, null, null) : error).toResponseError(service));
        }
        return out;
    }

    /** The first error's message, or null. */
    @Nullable String firstMessage() {
        return errors == null || errors.isEmpty() || errors.get(0) == null || !(errors.get(0).message() instanceof String message) ? null : message;
    }
}
