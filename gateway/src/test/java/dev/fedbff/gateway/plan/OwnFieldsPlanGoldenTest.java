package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import graphql.execution.RawVariables;
import graphql.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden folders of the BFFs' own fields: {@code src/test/resources/own-field-plans/<bff>-<case>/operation.graphql}
 * is planned over {@code schema/} plus that BFF's own schema file ({@code <bff>/src/main/resources/<bff>.graphqls}),
 * and the printed plan must equal {@code plan.txt}: the own subgraph's fetch joined with the backends' fetches, fed
 * by what its {@code @requires} names. Run with {@code -Dgolden.update=true} to rewrite them, then review the diff.
 */
class OwnFieldsPlanGoldenTest {

    static final Path CASES = Path.of("src/test/resources/own-field-plans");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printedPlanMatchesGoldenFile(String name) throws IOException {
        String bff = name.substring(0, name.indexOf("-bff-") + 4);
        Path dir = CASES.resolve(name);
        Operation operation = Operation.select(Parser.parse(Files.readString(dir.resolve("operation.graphql"))), null);
        String printed = new QueryPlanner(supergraph(bff)).plan(operation, RawVariables.emptyVariables()).toString();
        Path expected = dir.resolve("plan.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, printed);
        }
        assertThat(printed).isEqualTo(Files.readString(expected));
        assertThat(printed).contains("Fetch(service: \"" + bff + "\"");
    }

    static Supergraph supergraph(String bff) {
        List<SchemaFile> files = new ArrayList<>(SchemaFixtures.files(SchemaFixtures.SCHEMA_DIR));
        Path own = Path.of("..", bff, "src/main/resources", bff + ".graphqls");
        files.add(new SchemaFile("classpath:/" + bff + ".graphqls", SchemaFixtures.read(own)));
        return new SupergraphComposer().compose(files);
    }
}
