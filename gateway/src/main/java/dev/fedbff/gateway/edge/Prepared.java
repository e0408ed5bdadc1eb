package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.plan.Operation;
import graphql.language.OperationDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A GraphQL request whose document was looked up (parsed and validated once) and whose operation was selected, on
 * one engine, ready to run; or one that cannot run, answered with its {@link #refusal()} (and not charged to the
 * caller's rate limit). The edge prepares each request once and reads its {@link #kind()} to pick the rate-limit policy.
 */
public final class Prepared {

    private final @Nullable Engine engine;
    private final @Nullable GraphQLRequest request;
    private final @Nullable ParsedDocument parsed;
    private final @Nullable Operation operation;
    private final @Nullable GraphQLResponse refusal;
    private final long cost;

    Prepared(Engine engine, GraphQLRequest request, ParsedDocument parsed, Operation operation, long cost) {
        this(engine, request, parsed, operation, null, cost);
    }

    private Prepared(@Nullable Engine engine, @Nullable GraphQLRequest request, @Nullable ParsedDocument parsed,
                     @Nullable Operation operation, @Nullable GraphQLResponse refusal, long cost) {
        this.cost = cost;
        this.engine = engine;
        this.request = request;
        this.parsed = parsed;
        this.operation = operation;
        this.refusal = refusal;
    }

    static Prepared refused(GraphQLResponse refusal) {
        return new Prepared(null, null, null, null, refusal, 0);
    }

    /** The answer to a request that cannot run; null when it can. */
    public @Nullable GraphQLResponse refusal() {
        return refusal;
    }

    /** The kind of operation (query, mutation, subscription); null when the request is refused. */
    public OperationDefinition.@Nullable Operation kind() {
        return operation == null ? null : operation.kind();
    }

    /** The operation's estimated cost ({@code @cost}, {@code @listSize}). */
    long cost() {
        return cost;
    }

    /** The operation's name for logs and metrics: its name, {@code unnamed} without one, "" when the request is refused. */
    public String operationName() {
        if (operation == null) {
            return "";
        }
        String name = operation.name();
        return name == null || name.isEmpty() ? "unnamed" : name;
    }

    Engine engine() {
        return require(engine);
    }

    GraphQLRequest request() {
        return require(request);
    }

    ParsedDocument parsed() {
        return require(parsed);
    }

    Operation operation() {
        return require(operation);
    }

    private static <T> T require(@Nullable T part) {
        if (part == null) {
            throw new IllegalStateException("a refused request has nothing to run");
        }
        return part;
    }
}
