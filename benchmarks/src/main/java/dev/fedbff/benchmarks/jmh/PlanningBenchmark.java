package dev.fedbff.benchmarks.jmh;

import dev.fedbff.benchmarks.domain.DomainQuery;
import dev.fedbff.benchmarks.guild.BenchmarkQuery;
import dev.fedbff.benchmarks.server.ClassPathText;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.plan.Operation;
import dev.fedbff.gateway.plan.QueryPlan;
import dev.fedbff.gateway.plan.QueryPlanner;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.RawVariables;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Planning cold, what a plan-cache miss costs, for two operations: {@code guild} is The Guild's benchmark query over its
 * four subgraphs, {@code profile} the profile query ({@code domain-queries/profile.graphql}) over the repository's own
 * {@code schema/} (users, orders, and the REST products and payments). {@code plan} is {@link QueryPlanner#plan} on an
 * operation already parsed and validated; {@code parseValidateAndPlan} adds graphql-java's parse and validation (a
 * document-cache miss too); {@code newPlannerAndPlan} builds the planner first (what start-up and a reload pay once
 * per supergraph, before the first plan).
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

    @Param({"guild", "profile"})
    public String query;

    private Supergraph supergraph;
    private Operation operation;
    private QueryPlanner planner;
    private String text;
    private String operationName;

    @Setup
    public void setUp() {
        if (query.equals("guild")) {
            supergraph = GuildFixture.supergraph();
            text = BenchmarkQuery.text();
            operationName = BenchmarkQuery.OPERATION_NAME;
        } else {
            supergraph = new SupergraphComposer().compose(List.of("orders", "payments", "products", "users").stream()
                    .map(name -> new SchemaFile("schema/" + name + ".graphqls", ClassPathText.read("fedbff-schema/" + name + ".graphqls")))
                    .toList());
            text = DomainQuery.text("profile");
            operationName = "Profile";
        }
        operation = parse();
        planner = new QueryPlanner(supergraph);
    }

    @Benchmark
    public QueryPlan plan() {
        return planner.plan(operation, RawVariables.emptyVariables());
    }

    @Benchmark
    public QueryPlan parseValidateAndPlan() {
        return planner.plan(parse(), RawVariables.emptyVariables());
    }

    @Benchmark
    public QueryPlan newPlannerAndPlan() {
        return new QueryPlanner(supergraph).plan(operation, RawVariables.emptyVariables());
    }

    private Operation parse() {
        ParseAndValidateResult parsed = ParseAndValidate.parseAndValidate(supergraph.apiSchema(), ExecutionInput.newExecutionInput(text).build());
        if (parsed.isFailure()) {
            throw new IllegalStateException("the " + query + " query does not validate: " + parsed.getErrors());
        }
        return Operation.select(parsed.getDocument(), operationName);
    }
}
