package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.core.FetchNotes;
import dev.fedbff.gateway.core.RequestLog;
import dev.fedbff.gateway.core.RequestTracing;
import dev.fedbff.gateway.core.ResponseError;
import dev.fedbff.gateway.execute.ExecutionResult;
import dev.fedbff.gateway.execute.OperationContext;
import dev.fedbff.gateway.execute.PlanExecutor;
import dev.fedbff.gateway.plan.Operation;
import dev.fedbff.gateway.plan.OverrideLabels;
import dev.fedbff.gateway.plan.PlanPrinter;
import dev.fedbff.gateway.plan.PlanningException;
import dev.fedbff.gateway.plan.QueryPlan;
import dev.fedbff.gateway.plan.QueryPlanner;
import dev.fedbff.gateway.shape.ResponseShaper;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.CoercedVariables;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.OperationDefinition;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One GraphQL request from text to response: the document looked up once, the operation selected, variables
 * checked, the plan cache, execution and shaping. Request errors come back as GraphQL errors with the status Apollo
 * Router uses.
 *
 * <p>The {@link Engine} (supergraph, planner, introspection) sits behind one reference: {@link #swap} replaces it
 * whole, and a request that started on the old one finishes on it.
 */
public final class GraphQLGateway {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GraphQLGateway.class);
    private static final String QUERY_PLANNING_FAILED = "QUERY_PLANNING_FAILED";

    private final AtomicReference<Engine> engine;
    private final PlanExecutor executor;
    private final ResponseShaper shaper = new ResponseShaper();
    private final DocumentCache documents;
    private final PlanCache plans;
    private final OverrideLabels overrideLabels;
    private final int planningSteps;
    private final OperationLimits limits;
    private volatile RequestTracing tracing = RequestTracing.NONE;
    private volatile java.time.Instant loadedAt = java.time.Instant.now();

    public GraphQLGateway(Supergraph supergraph, PlanExecutor executor, long cacheSize) {
        this(supergraph, executor, cacheSize, OperationLimits.DEFAULTS);
    }

    /** @param limits what one operation may ask for (depth, aliases, root fields, fields, tokens, introspection) */
    public GraphQLGateway(Supergraph supergraph, PlanExecutor executor, long cacheSize, OperationLimits limits) {
        this(supergraph, executor, cacheSize, limits, OverrideLabels.DEFAULT);
    }

    /** @param overrideLabels which progressive {@code @override} labels each request enables */
    public GraphQLGateway(Supergraph supergraph, PlanExecutor executor, long cacheSize, OperationLimits limits, OverrideLabels overrideLabels) {
        this(supergraph, executor, cacheSize, limits, overrideLabels, QueryPlanner.DEFAULT_STEPS);
    }

    /** @param planningSteps how many search steps planning one operation may take before it is a planning error */
    GraphQLGateway(Supergraph supergraph, PlanExecutor executor, long cacheSize, OperationLimits limits, OverrideLabels overrideLabels,
                   int planningSteps) {
        this.engine = new AtomicReference<>(Engine.of(supergraph, planningSteps));
        this.executor = executor;
        this.documents = new DocumentCache(cacheSize, limits);
        this.limits = limits;
        this.plans = new PlanCache(cacheSize);
        this.overrideLabels = overrideLabels;
        this.planningSteps = planningSteps;
    }

    /** When the supergraph serving now was loaded: at start-up, or by the last {@link #swap}. */
    public java.time.Instant loadedAt() {
        return loadedAt;
    }

    /** The supergraph new requests are served from. */
    public Supergraph supergraph() {
        return engine.get().supergraph();
    }

    /**
     * Serves {@code next} from now on: requests that start after this see it whole, requests in flight finish on the
     * graph they started with. Documents and plans of the old graph are dropped.
     */
    public void swap(Supergraph next) {
        engine.set(Engine.of(next, planningSteps));
        loadedAt = java.time.Instant.now();
        documents.clear();
        plans.clear();
    }

    /** Spans for planning and shaping ({@code graphql plan}, {@code graphql shape}), and for parsing as the edge asks. */
    public void trace(RequestTracing tracing) {
        this.tracing = tracing;
    }

    public RequestTracing tracing() {
        return tracing;
    }

    /** Publishes the document and plan caches' hit ratio, size and evictions ({@code cache=fedbff.documents|fedbff.plans}). */
    public void monitor(io.micrometer.core.instrument.MeterRegistry registry) {
        documents.monitor(registry);
        plans.monitor(registry);
    }

    /**
     * Looks the request's document up (parsed and validated once per text and graph) and selects its operation, on
     * the engine serving now. A request that cannot run comes back {@linkplain Prepared#refusal() refused}: no query,
     * a syntax or validation error, no such operation, or (with {@code readOnly}, for GET) not a query.
     */
    public Prepared prepare(GraphQLRequest request, boolean readOnly) {
        Engine current = engine.get();
        if (request.query() == null || request.query().isBlank()) {
            return Prepared.refused(GraphQLResponse.requestError(400, "BAD_REQUEST", "the request has no query"));
        }
        Supergraph supergraph = current.supergraph();
        ParsedDocument parsed = documents.get(supergraph.version(), supergraph.apiSchema(), request.query());
        if (!parsed.valid()) {
            return Prepared.refused(GraphQLResponse.requestErrors(400, parsed.errors()));
        }
        Operation operation;
        try {
            operation = Operation.select(parsed.document(), request.operationName());
        } catch (PlanningException e) {
            return Prepared.refused(GraphQLResponse.requestError(400, e.code(), e.getMessage()));
        }
        if (readOnly && operation.kind() != OperationDefinition.Operation.QUERY) {
            return Prepared.refused(GraphQLResponse.requestError(405, "METHOD_NOT_ALLOWED", "only queries may be sent with GET; send "
                    + operation.kind().name().toLowerCase(Locale.ROOT) + "s with POST"));
        }
        long cost = OperationCost.estimate(supergraph.schema(), supergraph.costs(), limits.listSize(), operation,
                request.variables() == null ? RawVariables.emptyVariables() : request.variables());
        ResponseError tooExpensive = limits.checkCost(operation.definition(), cost);
        if (tooExpensive != null) {
            return Prepared.refused(GraphQLResponse.requestErrors(400, List.of(tooExpensive)));
        }
        return new Prepared(current, request, parsed, operation, cost);
    }

    /** Runs a request sent with POST, as {@link #prepare} and {@link #execute(Prepared, RequestContext)} do. */
    public Mono<GraphQLResponse> execute(GraphQLRequest request, RequestContext context) {
        return Mono.defer(() -> execute(prepare(request, false), context));
    }

    /** Runs a prepared request for the caller in {@code context}; a refused one answers its refusal. */
    public Mono<GraphQLResponse> execute(Prepared prepared, RequestContext context) {
        GraphQLResponse refusal = prepared.refusal();
        return refusal != null ? Mono.just(refusal) : Mono.deferContextual(reactor -> run(prepared, context, reactor));
    }

    /** The printed plan of an operation: what the explain header and golden tests show. */
    public QueryPlan plan(GraphQLRequest request) {
        Prepared prepared = prepare(request, false);
        GraphQLResponse refusal = prepared.refusal();
        if (refusal != null) {
            ResponseError first = refusal.errors().get(0);
            throw new PlanningException(first.code(), first.message());
        }
        Supergraph supergraph = prepared.engine().supergraph();
        return plan(prepared, OperationContext.of(prepared.operation(), request.variables()), overrideLabels.forRequest(supergraph.overrideLabels()),
                new RequestLog(""));
    }

    private Mono<GraphQLResponse> run(Prepared prepared, RequestContext request, reactor.util.context.ContextView reactor) {
        RequestLog log = RequestLog.of(reactor);
        Supergraph supergraph = prepared.engine().supergraph();
        RawVariables variables;
        try {
            variables = withDefaults(supergraph, prepared.operation(), prepared.request().variables());
        } catch (RuntimeException e) {
            String problem = e instanceof GraphQLError error ? error.getMessage() : "invalid variables: " + e.getMessage();
            return Mono.just(GraphQLResponse.requestError(400, "BAD_USER_INPUT", problem));
        }
        Set<String> denied = supergraph.deniedFields(!request.caller().anonymous(), request.caller().scopes());
        OperationContext context = new OperationContext(request, prepared.operation(), variables, denied);
        QueryPlan plan;
        RequestTracing.Span planning = tracing.start("graphql plan", reactor);
        try {
            plan = plan(prepared, context, overrideLabels.forRequest(supergraph.overrideLabels()), log);
            planning.tag("cache", log.cache());
        } catch (PlanningException e) {
            if (QUERY_PLANNING_FAILED.equals(e.code())) {
                return Mono.just(failed(QUERY_PLANNING_FAILED, e.getMessage()));
            }
            return Mono.just(GraphQLResponse.requestError(400, e.code(), e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            return Mono.just(unexpected(QUERY_PLANNING_FAILED, "planning", prepared.request(), e));
        } finally {
            planning.end();
        }
        FetchNotes notes = new FetchNotes();
        return executor.execute(supergraph, plan, context)
                .contextWrite(more -> request.explain() ? more.put(FetchNotes.class, notes) : more)
                .doOnNext(result -> {
                    if (!result.staleSubgraphs().isEmpty()) {
                        log.cache(log.cache() + ",stale");
                    }
                })
                .map(result -> shaped(reactor, () -> respond(prepared.engine(), context, plan, result)))
                .map(response -> request.explain() ? response.withExtension("queryPlan", explained(plan, notes)) : response)
                .map(response -> request.exposeCost() ? response.withExtension("cost", costExtension(prepared)) : response)
                .onErrorResume(e -> !(e instanceof Error) || e instanceof StackOverflowError,
                        e -> Mono.just(unexpected("INTERNAL_SERVER_ERROR", "executing", prepared.request(), e)));
    }

    /** The printed plan, each fetch that ran with its breaker state, budget and cache outcome as the connectors noted them. */
    private static String explained(QueryPlan plan, FetchNotes notes) {
        return PlanPrinter.print(plan, id -> {
            FetchNotes.Note note = notes.note(id);
            return note == null ? "" : note.toString();
        });
    }

    private GraphQLResponse shaped(reactor.util.context.ContextView reactor, java.util.function.Supplier<GraphQLResponse> shaping) {
        RequestTracing.Span span = tracing.start("graphql shape", reactor);
        try {
            return shaping.get();
        } finally {
            span.end();
        }
    }

    /** {@code extensions.cost}: the estimate, and the maximum when there is one. */
    private JsonObject costExtension(Prepared prepared) {
        JsonObject cost = JsonObject.of("estimated", prepared.cost());
        return limits.maxCost() > 0 ? cost.put("max", limits.maxCost()) : cost;
    }

    /** An operation that started but cannot be answered: {@code data: null} and one error with a code, status 200. */
    private static GraphQLResponse failed(String code, String message) {
        return GraphQLResponse.executed(null, List.of(ResponseError.request(code, message)), JsonObject.EMPTY);
    }

    /**
     * A failure the engine did not expect: logged once with the operation's hash (the query text is not logged, it may
     * carry personal data), and answered as a GraphQL error instead of an HTTP 500 or a request that never ends.
     */
    private static GraphQLResponse unexpected(String code, String stage, GraphQLRequest request, Throwable failure) {
        String hash = operationHash(request);
        log.error("{} operation {} ({}) failed unexpectedly", stage, hash, request.operationName() == null ? "anonymous" : request.operationName(), failure);
        return failed(code, "the gateway failed " + stage + " this operation (operation " + hash + "); the failure is logged");
    }

    /** The first 16 hex digits of the query text's SHA-256: how logs name an operation. */
    static String operationHash(GraphQLRequest request) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(request.query().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plan for this operation, these {@code @skip}/{@code @include} values, denied fields and override labels. */
    private QueryPlan plan(Prepared prepared, OperationContext context, Set<String> labels, RequestLog log) {
        Set<String> trueConditions = new HashSet<>();
        for (String name : prepared.parsed().conditionVariables()) {
            if (Boolean.TRUE.equals(context.variables().get(name))) {
                trueConditions.add(name);
            }
        }
        Engine current = prepared.engine();
        GraphQLRequest request = prepared.request();
        PlanCache.Key key = new PlanCache.Key(current.supergraph().version(), request.query(), request.operationName() == null ? "" : request.operationName(),
                trueConditions, context.deniedFields(), labels);
        log.cache("plan:hit");
        return plans.get(key, () -> {
            log.cache("plan:miss");
            return current.planner().plan(context.operation(), context.variables(), context.deniedFields(), labels);
        });
    }

    /**
     * The client's variables as sent (subgraphs get them as the client wrote them, not coerced), plus the operation's
     * defaults for those it left out. Throws a {@link GraphQLError} when a variable is missing or does not fit its
     * declared type.
     */
    private static RawVariables withDefaults(Supergraph supergraph, Operation operation, RawVariables variables) {
        IdVariables.check(supergraph.schema(), operation.definition().getVariableDefinitions(), variables);
        CoercedVariables coerced = ValuesResolver.coerceVariableValues(supergraph.schema(), operation.definition().getVariableDefinitions(),
                variables, GraphQLContext.getDefault(), Locale.ROOT);
        Map<String, Object> effective = new LinkedHashMap<>(variables.toMap());
        coerced.toMap().forEach(effective::putIfAbsent);
        return RawVariables.of(effective);
    }

    private GraphQLResponse respond(Engine engine, OperationContext context, QueryPlan plan, ExecutionResult result) {
        if (!plan.introspection().isEmpty()) {
            result.data().putAll(engine.introspect(context.operation(), context.variables()));
        }
        ResponseShaper.Shaped shaped = shaper.shape(engine.supergraph().schema(), context, result);
        GraphQLResponse response = GraphQLResponse.executed(shaped.data(), shaped.errors(), JsonObject.EMPTY);
        return result.staleSubgraphs().isEmpty() ? response : response.withExtension("stale", List.copyOf(result.staleSubgraphs()));
    }
}
