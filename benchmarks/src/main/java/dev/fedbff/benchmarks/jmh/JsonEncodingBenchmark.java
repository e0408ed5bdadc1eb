package dev.fedbff.benchmarks.jmh;

import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.core.Json;
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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Encoding the shaped ~88 KB answer of The Guild's benchmark query as the HTTP handler does: {@link Json#write} of
 * {@code {"data": ...}} to bytes.
 * <p>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar JsonEncodingBenchmark -f1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonEncodingBenchmark {

    private Map<String, Object> body;

    @Setup
    public void setUp() {
        Supergraph supergraph = GuildFixture.supergraph();
        Operation operation = GuildFixture.operation(supergraph);
        ExecutionResult merged = GuildFixture.merged(supergraph, GuildFixture.plan(supergraph, operation));
        body = new LinkedHashMap<>();
        body.put("data", new ResponseShaper().shape(supergraph.schema(), GuildFixture.context(operation), merged).data());
        System.out.println("response: " + Json.write(body).length + " bytes");
    }

    @Benchmark
    public byte[] write() {
        return Json.write(body);
    }
}
