package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.Supergraph;
import graphql.execution.RawVariables;
import graphql.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden folders: {@code src/test/resources/plans/<case>/operation.graphql} is planned over the repository's
 * {@code schema/}, and the printed plan must equal {@code plan.txt}. Run with {@code -Dgolden.update=true} to
 * rewrite the expected files, then review the diff.
 */
class PlanGoldenTest {

    static final Path CASES = Path.of("src/test/resources/plans");
    static final Supergraph SUPERGRAPH = SchemaFixtures.supergraph();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printedPlanMatchesGoldenFile(String name) throws IOException {
        Path dir = CASES.resolve(name);
        String printed = plan(Files.readString(dir.resolve("operation.graphql"))).toString();
        Path expected = dir.resolve("plan.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, printed);
        }
        assertThat(printed).isEqualTo(Files.readString(expected));
    }

    static QueryPlan plan(String query) {
        Operation operation = Operation.select(Parser.parse(query), null);
        return new QueryPlanner(SUPERGRAPH).plan(operation, RawVariables.emptyVariables());
    }
}
