package dev.fedbff.benchmarks.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The gateway engine as web-bff runs it, configured for The Guild's benchmark by {@code benchmark-gateway.yml}: the four
 * subgraphs of {@code guild-schema/}, HS256 bearer tokens, the same resilience stack, and nothing that answers a
 * request without doing its work (no rate-limit policy, no REST routes and so no response cache; the engine has no
 * request de-duplication).
 * <p>
 * Run (benchmarks/run.sh does): {@code java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT-exec.jar --server.port=4300
 * --fedbff.schema.location=benchmarks/src/main/resources/guild-schema --fedbff.auth.hs256-secret=<32+ bytes>
 * --fedbff.services.accounts=http://127.0.0.1:4201 ...}
 */
@SpringBootApplication
public class BenchmarkGatewayApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(BenchmarkGatewayApplication.class)
                .properties("spring.config.name=benchmark-gateway")
                .run(args);
    }
}
