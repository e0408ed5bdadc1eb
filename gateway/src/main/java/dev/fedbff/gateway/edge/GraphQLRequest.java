package dev.fedbff.gateway.edge;

import java.util.Map;

/** A GraphQL-over-HTTP request as the client sent it, before parsing. */
public record GraphQLRequest(String query, String operationName, Map<String, Object> variables) {
}
