package dev.fedbff.gateway.edge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTTP status and the GraphQL response body ({@code data}, {@code errors}, {@code extensions}). */
public record GraphQLResponse(int status, Map<String, Object> body) {

    /** A request error: no {@code data}, one error with a code, and the status the GraphQL-over-HTTP spec asks for. */
    public static GraphQLResponse requestError(int status, String code, String message) {
        return new GraphQLResponse(status, Map.of("errors", List.of(error(message, code))));
    }

    public static Map<String, Object> error(String message, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code));
        return error;
    }
}
