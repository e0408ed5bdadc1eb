package dev.fedbff.benchmarks.guild;

import dev.fedbff.benchmarks.server.ClassPathText;
import dev.fedbff.gateway.core.Json;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The query of The Guild's gateway benchmark ({@code guild-query.graphql}, as in their {@code k6.js}): users → reviews →
 * product → reviews → author → reviews → product, plus {@code topProducts}; the answer is about 88 KB.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.fedbff.benchmarks.guild.BenchmarkQuery} prints the POST body.
 */
public final class BenchmarkQuery {

    public static final String OPERATION_NAME = "TestQuery";

    private BenchmarkQuery() {
    }

    public static String text() {
        return ClassPathText.read("guild-query.graphql");
    }

    /** The GraphQL-over-HTTP body every load generator POSTs: {@code {"query": ...}}, as k6.js sends it. */
    public static String requestBody() {
        return new String(Json.write(Map.of("query", text())), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        System.out.println(requestBody());
    }
}
