package dev.fedbff.benchmarks.jmh;

import dev.fedbff.benchmarks.guild.BenchmarkQuery;
import dev.fedbff.benchmarks.guild.GuildSubgraph;
import dev.fedbff.benchmarks.guild.InProcessConnector;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.execute.ExecutionResult;
import dev.fedbff.gateway.execute.OperationContext;
import dev.fedbff.gateway.execute.PlanExecutor;
import dev.fedbff.gateway.plan.Operation;
import dev.fedbff.gateway.plan.QueryPlan;
import dev.fedbff.gateway.plan.QueryPlanner;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.ExecutionInput;

import graphql.execution.RawVariables;
import java.util.Arrays;
import java.util.List;

/** The Guild's benchmark as the engine sees it: the composed supergraph, the parsed query, its plan and merged result. */
final class GuildFixture {

    static final Caller CALLER = new Caller("benchmark", List.of());

    private GuildFixture() {
    }

    static Supergraph supergraph() {
        List<SchemaFile> files = Arrays.stream(GuildSubgraph.values())
                .map(subgraph -> new SchemaFile("guild-schema/" + subgraph.subgraphName() + ".graphqls", subgraph.sdl()))
                .toList();
        return new SupergraphComposer().compose(files);
    }

    /** The benchmark query parsed and validated against the supergraph's public schema. */
    static Operation operation(Supergraph supergraph) {
        ParseAndValidateResult parsed = ParseAndValidate.parseAndValidate(supergraph.apiSchema(),
                ExecutionInput.newExecutionInput(BenchmarkQuery.text()).build());
        if (parsed.isFailure()) {
            throw new IllegalStateException("the benchmark query does not validate: " + parsed.getErrors());
        }
        return Operation.select(parsed.getDocument(), BenchmarkQuery.OPERATION_NAME);
    }

    /** The benchmark query as one anonymous request without a budget. */
    static OperationContext context(Operation operation) {
        return new OperationContext(RequestContext.of(CALLER), operation, RawVariables.emptyVariables(), java.util.Set.of());
    }

    static QueryPlan plan(Supergraph supergraph, Operation operation) {
        return new QueryPlanner(supergraph).plan(operation, RawVariables.emptyVariables());
    }

    /** What the executor has merged from every subgraph answer, before shaping: computed once with in-process subgraphs. */
    static ExecutionResult merged(Supergraph supergraph, QueryPlan plan) {
        ExecutionResult result = new PlanExecutor(new InProcessConnector()).execute(supergraph, plan, context(operation(supergraph))).block();
        if (result == null || !result.errors().isEmpty()) {
            throw new IllegalStateException("the benchmark query failed in process: " + (result == null ? "no result" : result.errors()));
        }
        return result;
    }
}
