package dev.fedbff.gateway.edge;

import graphql.execution.RawVariables;

/**
 * A GraphQL-over-HTTP request as the client sent it, before parsing.
 *
 * @param variables the {@code variables} object as sent, not yet checked against the operation nor coerced (empty
 *                  when the request has none)
 */
public record GraphQLRequest(String query, String operationName, RawVariables variables) {
}
