package dev.fedbff.benchmarks.jmh;

import dev.fedbff.benchmarks.guild.BenchmarkQuery;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.edge.GraphQLGateway;
import dev.fedbff.gateway.edge.GraphQLRequest;
import dev.fedbff.gateway.execute.PlanExecutor;
import dev.fedbff.gateway.plan.QueryPlan;
import graphql.execution.RawVariables;
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
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeUnit;

/**
 * The per-request path of {@link GraphQLGateway} up to execution when the caches are warm, as every request of the
 * side-by-side run takes it: document-cache hit (keyed by the query text), operation selection, plan-cache hit.
 * <p>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar PlanCacheHitBenchmark -f1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlanCacheHitBenchmark {

    private GraphQLGateway gateway;
    private GraphQLRequest request;

    @Setup
    public void setUp() {
        Supergraph supergraph = GuildFixture.supergraph();
        PlanExecutor neverCalled = new PlanExecutor(fetch -> Mono.error(new IllegalStateException("this benchmark stops before execution")));
        gateway = new GraphQLGateway(supergraph, neverCalled, 2000);
        gateway.plan(new GraphQLRequest(BenchmarkQuery.text(), null, RawVariables.emptyVariables()));
        // another String with the same text, as each request body parses to: the caches match by value
        request = new GraphQLRequest(BenchmarkQuery.text(), null, RawVariables.emptyVariables());
    }

    @Benchmark
    public QueryPlan planCacheHit() {
        return gateway.plan(request);
    }
}
