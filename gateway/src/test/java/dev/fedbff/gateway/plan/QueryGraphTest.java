package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.SupergraphComposer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the query graph of small supergraphs, pinned as printed in {@code query-graph.txt} of a conformance
 * case: a node per type per subgraph, field edges (with {@code requires}, the copies {@code @provides} makes, nested
 * ones included, and override labels), key edges (also into {@code @interfaceObject}s, and to the same subgraph for
 * {@code @requires}) and downcasts. {@code -Dgolden.update=true} rewrites the files; review the diff.
 */
class QueryGraphTest {

    static final Path CASES = Path.of("src/test/resources/federation");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"key-hop-through-a-third-subgraph", "requires-chain", "provides-on-an-interface-typed-field",
            "nested-provides-is-used-at-every-level", "interface-objects-in-two-subgraphs", "progressive-override-at-0-percent-leaves-the-field",
            "union-members-in-two-subgraphs"})
    void printedGraphMatchesItsGoldenFile(String name) throws IOException {
        Path dir = CASES.resolve(name);
        String printed = QueryGraph.of(new SupergraphComposer().compose(SchemaFixtures.files(dir))).print();
        Path expected = dir.resolve("query-graph.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, printed);
        }
        assertThat(printed).isEqualTo(Files.readString(expected));
    }
}
