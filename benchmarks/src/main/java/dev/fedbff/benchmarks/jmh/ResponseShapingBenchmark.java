package dev.fedbff.benchmarks.jmh;

import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.execute.ExecutionResult;
import dev.fedbff.gateway.execute.OperationContext;
import dev.fedbff.gateway.plan.Operation;
import dev.fedbff.gateway.shape.ResponseShaper;
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
 * Shaping the ~88 KB answer of The Guild's benchmark query: {@link ResponseShaper} walks the client's operation over
 * the result the executor merged from every subgraph (computed once in setup, with the subgraphs in process), applying
 * fragments and null propagation and dropping the keys the plan added.
 * <p>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ResponseShapingBenchmark -f1 -wi 3 -i 5} (add {@code -prof gc}
 * for allocation per response).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ResponseShapingBenchmark {

    private Supergraph supergraph;
    private OperationContext context;
    private ExecutionResult merged;
    private final ResponseShaper shaper = new ResponseShaper();

    @Setup
    public void setUp() {
        supergraph = GuildFixture.supergraph();
        Operation operation = GuildFixture.operation(supergraph);
        context = GuildFixture.context(operation);
        merged = GuildFixture.merged(supergraph, GuildFixture.plan(supergraph, operation));
    }

    @Benchmark
    public ResponseShaper.Shaped shape() {
        return shaper.shape(supergraph.schema(), context, merged);
    }
}
