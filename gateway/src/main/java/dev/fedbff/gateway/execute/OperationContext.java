package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.plan.Operation;
import graphql.execution.RawVariables;

import java.util.Set;

/**
 * One GraphQL request as planning, execution and shaping see it, built once at the edge: the request's context
 * (caller, budget, client, explain), the operation it selected, its variables with their defaults filled in, and the
 * fields this caller may not read. Immutable.
 *
 * @param variables    the client's variables as sent (not coerced: subgraphs get them as the client wrote them), plus
 *                     the operation's defaults for those it left out
 * @param deniedFields the fields ({@code Type.field}) the caller's token does not grant ({@code @authenticated},
 *                     {@code @requiresScopes}): never fetched, answered {@code null} with an error
 */
public record OperationContext(RequestContext request, Operation operation, RawVariables variables, Set<String> deniedFields) {

    public OperationContext {
        deniedFields = Set.copyOf(deniedFields);
    }

    /** An operation run without an HTTP request or authorization rules: tests, benchmarks, tools. */
    public static OperationContext of(Operation operation, RawVariables variables) {
        return new OperationContext(RequestContext.NONE, operation, variables, Set.of());
    }
}
