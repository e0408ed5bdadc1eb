package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.connect.Caller;
import dev.fedbff.gateway.execute.ExecutionResult;
import dev.fedbff.gateway.execute.PlanExecutor;
import dev.fedbff.gateway.plan.Operation;
import dev.fedbff.gateway.plan.OverrideLabels;
import dev.fedbff.gateway.plan.PlanningException;
import dev.fedbff.gateway.plan.QueryPlan;
import dev.fedbff.gateway.plan.QueryPlanner;
import dev.fedbff.gateway.shape.ResponseShaper;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.RawVariables;
import graphql.introspection.GoodFaithIntrospection;
import graphql.execution.ValuesResolver;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One GraphQL request from text to response: document cache, operation selection, variable checks, plan cache,
 * execution, shaping. Request errors come back as GraphQL errors with the status Apollo Router uses.
 */
public final class GraphQLGateway {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GraphQLGateway.class);
    private static final String QUERY_PLANNING_FAILED = "QUERY_PLANNING_FAILED";

    /** What one supergraph version needs at request time, built once per version. */
    private record Engine(Supergraph supergraph, QueryPlanner planner, GraphQL introspection) {
    }

    private final Engine engine;
    private final PlanExecutor executor;
    private final ResponseShaper shaper = new ResponseShaper();
    private final DocumentCache documents;
    private final PlanCache plans;
    private final OverrideLabels overrideLabels;

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
        this.engine = new Engine(supergraph, new QueryPlanner(supergraph, planningSteps), GraphQL.newGraphQL(supergraph.apiSchema()).build());
        this.executor = executor;
        this.documents = new DocumentCache(cacheSize, limits);
        this.plans = new PlanCache(cacheSize);
        this.overrideLabels = overrideLabels;
    }

    public Supergraph supergraph() {
        return engine.supergraph();
    }

    /** Publishes the document and plan caches' hit ratio, size and evictions ({@code cache=fedbff.documents|fedbff.plans}). */
    public void monitor(io.micrometer.core.instrument.MeterRegistry registry) {
        documents.monitor(registry);
        plans.monitor(registry);
    }

    /**
     * @param readOnly true for GET requests, which may not run mutations (405)
     */
    public Mono<GraphQLResponse> execute(GraphQLRequest request, Caller caller, boolean readOnly) {
        return execute(request, caller, readOnly, false);
    }

    /** @param explain true to add the printed plan to the response as {@code extensions.queryPlan} */
    public Mono<GraphQLResponse> execute(GraphQLRequest request, Caller caller, boolean readOnly, boolean explain) {
        return Mono.defer(() -> run(request, caller, readOnly, explain));
    }

    /**
     * The type of the operation the request selects (query, mutation, subscription), from the document cache; empty
     * when the request would be answered with a request error (no query, parse or validation errors, no such operation).
     */
    public Optional<OperationDefinition.Operation> operationKind(GraphQLRequest request) {
        if (request.query() == null || request.query().isBlank()) {
            return Optional.empty();
        }
        Supergraph supergraph = engine.supergraph();
        ParsedDocument parsed = documents.get(supergraph.version(), supergraph.apiSchema(), request.query());
        if (!parsed.valid()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Operation.select(parsed.document(), request.operationName()).kind());
        } catch (PlanningException e) {
            return Optional.empty();
        }
    }

    /** The printed plan of an operation: what the explain header and golden tests show. */
    public QueryPlan plan(GraphQLRequest request) {
        Supergraph supergraph = engine.supergraph();
        ParsedDocument parsed = documents.get(supergraph.version(), supergraph.apiSchema(), request.query());
        if (!parsed.valid()) {
            throw new PlanningException("GRAPHQL_VALIDATION_FAILED", String.valueOf(parsed.errors().get(0).get("message")));
        }
        Operation operation = Operation.select(parsed.document(), request.operationName());
        return plan(request, parsed, operation, Set.of(), overrideLabels.forRequest(supergraph.overrideLabels()));
    }

    private Mono<GraphQLResponse> run(GraphQLRequest request, Caller caller, boolean readOnly, boolean explain) {
        if (request.query() == null || request.query().isBlank()) {
            return Mono.just(GraphQLResponse.requestError(400, "BAD_REQUEST", "the request has no query"));
        }
        Supergraph supergraph = engine.supergraph();
        ParsedDocument parsed = documents.get(supergraph.version(), supergraph.apiSchema(), request.query());
        if (!parsed.valid()) {
            return Mono.just(new GraphQLResponse(400, Map.of("errors", parsed.errors())));
        }
        Operation operation;
        try {
            operation = Operation.select(parsed.document(), request.operationName());
        } catch (PlanningException e) {
            return Mono.just(GraphQLResponse.requestError(400, e.code(), e.getMessage()));
        }
        if (readOnly && operation.kind() != OperationDefinition.Operation.QUERY) {
            return Mono.just(GraphQLResponse.requestError(405, "METHOD_NOT_ALLOWED", "only queries may be sent with GET; send "
                    + operation.kind().name().toLowerCase(Locale.ROOT) + "s with POST"));
        }
        Map<String, Object> variables;
        try {
            variables = withDefaults(supergraph, operation, request.variables());
        } catch (RuntimeException e) {
            String problem = e instanceof GraphQLError error ? error.getMessage() : "invalid variables: " + e.getMessage();
            return Mono.just(GraphQLResponse.requestError(400, "BAD_USER_INPUT", problem));
        }
        GraphQLRequest effective = new GraphQLRequest(request.query(), request.operationName(), variables);
        Set<String> denied = supergraph.deniedFields(!caller.anonymous(), caller.scopes());
        QueryPlan plan;
        try {
            plan = plan(effective, parsed, operation, denied, overrideLabels.forRequest(supergraph.overrideLabels()));
        } catch (PlanningException e) {
            if (QUERY_PLANNING_FAILED.equals(e.code())) {
                return Mono.just(failed(QUERY_PLANNING_FAILED, e.getMessage()));
            }
            return Mono.just(GraphQLResponse.requestError(400, e.code(), e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            return Mono.just(unexpected(QUERY_PLANNING_FAILED, "planning", request, e));
        }
        return executor.execute(supergraph, plan, variables, caller)
                .map(result -> respond(supergraph, operation, effective, plan, result, denied))
                .map(response -> explain ? withPlan(response, plan) : response)
                .onErrorResume(e -> !(e instanceof Error) || e instanceof StackOverflowError,
                        e -> Mono.just(unexpected("INTERNAL_SERVER_ERROR", "executing", request, e)));
    }

    /** An operation that started but cannot be answered: {@code data: null} and one error with a code, status 200. */
    private static GraphQLResponse failed(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(GraphQLResponse.error(message, code)));
        body.put("data", null);
        return new GraphQLResponse(200, body);
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

    private static GraphQLResponse withPlan(GraphQLResponse response, QueryPlan plan) {
        Map<String, Object> body = new LinkedHashMap<>(response.body());
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (body.get("extensions") instanceof Map<?, ?> existing) {
            existing.forEach((key, value) -> extensions.put((String) key, value));
        }
        extensions.put("queryPlan", plan.toString());
        body.put("extensions", extensions);
        return new GraphQLResponse(response.status(), body);
    }

    private QueryPlan plan(GraphQLRequest request, ParsedDocument parsed, Operation operation, Set<String> denied, Set<String> labels) {
        Map<String, Object> conditions = new HashMap<>();
        parsed.conditionVariables().forEach(name -> conditions.put(name, request.variables().get(name)));
        Supergraph supergraph = engine.supergraph();
        return plans.get(new PlanCache.Key(supergraph.version(), request.query(), request.operationName() == null ? "" : request.operationName(),
                conditions, denied, labels), () -> engine.planner().plan(operation, request.variables(), denied, labels));
    }

    /**
     * The client's variables as sent, plus the operation's defaults for those it left out. Throws a
     * {@link GraphQLError} when a variable is missing or does not fit its declared type.
     */
    private static Map<String, Object> withDefaults(Supergraph supergraph, Operation operation, Map<String, Object> variables) {
        IdVariables.check(supergraph.schema(), operation.definition().getVariableDefinitions(), variables);
        Map<String, Object> coerced = ValuesResolver.coerceVariableValues(supergraph.schema(), operation.definition().getVariableDefinitions(),
                RawVariables.of(variables), GraphQLContext.getDefault(), Locale.ROOT).toMap();
        Map<String, Object> effective = new LinkedHashMap<>(variables);
        coerced.forEach(effective::putIfAbsent);
        return effective;
    }

    private GraphQLResponse respond(Supergraph supergraph, Operation operation, GraphQLRequest request, QueryPlan plan, ExecutionResult result,
                                    Set<String> denied) {
        Map<String, Object> merged = result.data();
        if (!plan.introspection().isEmpty()) {
            merged.putAll(introspect(operation, request));
        }
        ResponseShaper.Shaped shaped = shaper.shape(supergraph.schema(), operation, request.variables(), merged, result.errors(), denied);
        Map<String, Object> body = new LinkedHashMap<>();
        if (!shaped.errors().isEmpty()) {
            body.put("errors", shaped.errors());
        }
        body.put("data", shaped.data());
        if (!result.staleSubgraphs().isEmpty()) {
            body.put("extensions", Map.of("stale", List.copyOf(result.staleSubgraphs())));
        }
        return new GraphQLResponse(200, body);
    }

    /**
     * Runs the operation's {@code __schema} and {@code __type} root fields with graphql-java on the public schema.
     * graphql-java's good-faith limit (one {@code __type} per query) is off: it nulls legitimate queries such as
     * two aliased {@code __type} lookups.
     */
    private Map<String, Object> introspect(Operation operation, GraphQLRequest request) {
        OperationDefinition definition = operation.definition();
        SelectionSet onlyIntrospection = SelectionSet.newSelectionSet(definition.getSelectionSet().getSelections().stream()
                .filter(s -> s instanceof Field f && (f.getName().equals("__schema") || f.getName().equals("__type"))).toList()).build();
        List<graphql.language.Definition> definitions = new java.util.ArrayList<>(operation.fragments().values());
        definitions.add(0, definition.transform(b -> b.selectionSet(onlyIntrospection)));
        graphql.language.Document document = graphql.language.Document.newDocument().definitions(definitions).build();
        graphql.ExecutionResult result = engine.introspection().execute(ExecutionInput.newExecutionInput()
                .query(graphql.language.AstPrinter.printAst(document)).operationName(operation.name()).variables(request.variables())
                .graphQLContext(Map.of(GoodFaithIntrospection.GOOD_FAITH_INTROSPECTION_DISABLED, true)).build());
        Map<String, Object> data = result.getData();
        return data == null ? Map.of() : data;
    }
}
