package dev.fedbff.gateway.edge;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.util.List;

/**
 * How a GraphQL response is written for the client's {@code Accept} header, as the GraphQL-over-HTTP spec says:
 * {@code application/graphql-response+json} when the client accepts it; {@code application/json} otherwise. A client
 * that accepts {@code application/json} and not the newer type is a legacy client: the request errors of its
 * well-formed requests (syntax, validation, variables, limits, persisted operations) answer 200 with the errors, where
 * everyone else gets 400. A request that is not well-formed (a body that is not JSON, a parameter of the wrong type,
 * {@code extensions} that is not an object) gets 400 whatever it accepts, and so do all other statuses (401, 403, 404,
 * 405, 413, 415, 429, 503).
 */
public enum ResponseFormat {

    /** {@code Accept} names {@code application/graphql-response+json}. */
    GRAPHQL_RESPONSE_JSON(MediaType.parseMediaType("application/graphql-response+json")),
    /** {@code Accept} names {@code application/json} but not {@code application/graphql-response+json}. */
    LEGACY_JSON(MediaType.APPLICATION_JSON),
    /** No {@code Accept}, a wildcard, one that does not parse, or only other types: JSON, with the spec's status codes. */
    JSON(MediaType.APPLICATION_JSON);

    private final MediaType contentType;

    ResponseFormat(MediaType contentType) {
        this.contentType = contentType;
    }

    public MediaType contentType() {
        return contentType;
    }

    /** The status the client gets for a well-formed request the gateway would answer with {@code status}. */
    public int status(int status) {
        return this == LEGACY_JSON && status == 400 ? 200 : status;
    }

    /** The format for an {@code Accept} header's value (null or empty when the request has none). */
    public static ResponseFormat forAccept(@org.jspecify.annotations.Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return JSON;
        }
        if (accepts(types, GRAPHQL_RESPONSE_JSON.contentType)) {
            return GRAPHQL_RESPONSE_JSON;
        }
        return accepts(types, MediaType.APPLICATION_JSON) ? LEGACY_JSON : JSON;
    }

    /** Named exactly (not through a wildcard) with a quality above zero. */
    private static boolean accepts(List<MediaType> types, MediaType wanted) {
        return types.stream().anyMatch(type -> type.equalsTypeAndSubtype(wanted) && type.getQualityValue() > 0);
    }
}
