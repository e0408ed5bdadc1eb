package dev.fedbff.benchmarks.jmh;

import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.JsonObject;
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
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import io.netty.buffer.PooledByteBufAllocator;

import java.util.concurrent.TimeUnit;

/**
 * Encoding the shaped ~88 KB answer of The Guild's benchmark query: {@link Json#write} of {@code {"data": ...}}, the
 * shaper's {@link JsonObject}s, to bytes ({@link #write}), and as the HTTP handler does it, straight into a pooled
 * Netty response buffer ({@link #writeIntoResponseBuffer}).
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

    private JsonObject body;
    private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

    @Setup
    public void setUp() {
        Supergraph supergraph = GuildFixture.supergraph();
        Operation operation = GuildFixture.operation(supergraph);
        ExecutionResult merged = GuildFixture.merged(supergraph, GuildFixture.plan(supergraph, operation));
        body = JsonObject.of("data", new ResponseShaper().shape(supergraph.schema(), GuildFixture.context(operation), merged).data());
        System.out.println("response: " + Json.write(body).length + " bytes");
    }

    @Benchmark
    public byte[] write() {
        return Json.write(body);
    }

    /** The response as {@code GraphQLResponse.writer()} writes it: into a pooled buffer, released after. */
    @Benchmark
    public int writeIntoResponseBuffer() {
        DataBuffer buffer = buffers.allocateBuffer(4096);
        try {
            Json.write(body, buffer.asOutputStream());
            return buffer.readableByteCount();
        } finally {
            org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
        }
    }
}
