package dev.fedbff.benchmarks.jmh;

import dev.fedbff.benchmarks.guild.BenchmarkQuery;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.plan.Operation;
import dev.fedbff.gateway.plan.QueryPlan;
import dev.fedbff.gateway.plan.QueryPlanner;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Planning The Guild's benchmark query, what a plan-cache miss costs: {@code plan} is {@link QueryPlanner#plan} on an
 * operation already parsed and validated; {@code parseValidateAndPlan} adds graphql-java's parse and validation (a
 * document-cache miss too).
 * <p>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar PlanningBenchmark -f1 -wi 3 -i 5} (add {@code -prof gc} for
 * allocation per plan).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlanningBenchmark {

    private Supergraph supergraph;
    private Operation operation;
    private QueryPlanner planner;
    private String query;

    @Setup
    public void setUp() {
        supergraph = GuildFixture.supergraph();
        operation = GuildFixture.operation(supergraph);
        planner = new QueryPlanner(supergraph);
        query = BenchmarkQuery.text();
    }

    @Benchmark
    public QueryPlan plan() {
        return planner.plan(operation, Map.of());
    }

    @Benchmark
    public QueryPlan parseValidateAndPlan() {
        ParseAndValidateResult parsed = ParseAndValidate.parseAndValidate(supergraph.apiSchema(), ExecutionInput.newExecutionInput(query).build());
        return planner.plan(Operation.select(parsed.getDocument(), BenchmarkQuery.OPERATION_NAME), Map.of());
    }
}
