package dev.fedbff.gateway.federation;

import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.CompositionException;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.compose.SupergraphPrinter;
import dev.fedbff.gateway.compose.SupergraphSdl;
import dev.fedbff.gateway.plan.Operation;
import dev.fedbff.gateway.plan.PlanningException;
import dev.fedbff.gateway.plan.QueryPlanner;
import graphql.execution.RawVariables;
import graphql.parser.Parser;
import graphql.schema.idl.SchemaPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The supergraph SDL the schema tool prints, read back as {@code fedbff.schema.supergraph} reads it, is the graph the
 * files compose to: the same client schema and the same plans, for {@code schema/} and every conformance case that
 * composes.
 */
class SupergraphPrinterTest {

    static final Path FEDERATION_CASES = Path.of("src/test/resources/federation");

    static Stream<Path> composingFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(FEDERATION_CASES)) {
            List<Path> cases = dirs.filter(dir -> !dir.getFileName().toString().startsWith("error-")
                    && !dir.getFileName().toString().startsWith("supergraph-") && composes(dir)).sorted().toList();
            return Stream.concat(Stream.of(SchemaFixtures.SCHEMA_DIR), cases.stream());
        }
    }

    private static boolean composes(Path dir) {
        try {
            new SupergraphComposer().compose(SchemaFixtures.files(dir));
            return true;
        } catch (CompositionException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("composingFolders")
    void readBackItIsTheGraphTheFilesComposeTo(Path folder) throws IOException {
        List<SchemaFile> files = SchemaFixtures.files(folder);
        Supergraph composed = new SupergraphComposer().compose(files);

        Supergraph printed = SupergraphSdl.read("supergraph.graphql", SupergraphPrinter.print(files, Map.of()));

        SchemaPrinter printer = new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(false));
        assertThat(printer.print(printed.apiSchema())).isEqualTo(printer.print(composed.apiSchema()));
        assertThat(printed.deniedFields(false, Set.of())).as("denied to anonymous callers").isEqualTo(composed.deniedFields(false, Set.of()));
        assertThat(printed.deniedFields(true, Set.of())).as("denied to callers without scopes").isEqualTo(composed.deniedFields(true, Set.of()));
        assertThat(printed.tags()).as("@tag").isEqualTo(composed.tags());
        assertThat(printed.costs()).as("@cost and @listSize").isEqualTo(composed.costs());
        for (Path operation : operations(folder)) {
            String query = SchemaFixtures.read(operation);
            assertThat(plan(printed, query)).as(operation.toString()).isEqualTo(plan(composed, query));
        }
    }

    @Test
    void namesEachSubgraphWithItsUrl() {
        String sdl = SupergraphPrinter.print(SchemaFixtures.files(SchemaFixtures.SCHEMA_DIR), Map.of("users", URI.create("http://users:4001/graphql")));

        assertThat(sdl).startsWith("schema\n  @link(url: \"https://specs.apollo.dev/link/v1.0\")\n  @link(url: \"https://specs.apollo.dev/join/v0.5\", for: EXECUTION)")
                .contains("USERS @join__graph(name: \"users\", url: \"http://users:4001/graphql\")")
                .contains("ORDERS @join__graph(name: \"orders\", url: \"http://orders/graphql\")")
                .contains("@join__type(graph: PRODUCTS, key: \"id\")");
    }

    @Test
    void keepsAccessRulesAndTagsAsApolloComposesThem() {
        List<SchemaFile> files = List.of(new SchemaFile("schema/a.graphqls", """
                extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@tag", "@authenticated", "@requiresScopes"])
                type Query { account: Account @authenticated  audit: String @requiresScopes(scopes: [["audit:read"]]) @tag(name: "internal") }
                type Account @key(fields: "id") { id: ID! balance: Int @tag(name: "web-only") }
                """));

        String sdl = SupergraphPrinter.print(files, Map.of());

        assertThat(sdl).contains("@link(url: \"https://specs.apollo.dev/tag/v0.3\")",
                "@link(url: \"https://specs.apollo.dev/authenticated/v0.1\", for: SECURITY)",
                "account: Account @join__field(graph: A) @authenticated",
                "audit: String @join__field(graph: A) @requiresScopes(scopes: [[\"audit:read\"]]) @tag(name: \"internal\")",
                "balance: Int @join__field(graph: A) @tag(name: \"web-only\")");
        Supergraph printed = SupergraphSdl.read("supergraph.graphql", sdl);
        assertThat(printed.deniedFields(false, Set.of())).containsExactlyInAnyOrderElementsOf(new SupergraphComposer().compose(files).deniedFields(false, Set.of()))
                .contains("Query.account", "Query.audit");
    }

    @Test
    void filesThatDoNotComposeAreTheCompositionErrors() {
        List<SchemaFile> broken = List.of(new SchemaFile("schema/a.graphqls", "type Query { a: Missing }"));

        assertThatThrownBy(() -> SupergraphPrinter.print(broken, Map.of())).isInstanceOf(CompositionException.class).hasMessageContaining("schema/a.graphqls:1:");
    }

    private static List<Path> operations(Path folder) throws IOException {
        Path operation = folder.resolve("operation.graphql");
        return Files.exists(operation) ? List.of(operation) : List.of();
    }

    private static String plan(Supergraph supergraph, String query) {
        try {
            return new QueryPlanner(supergraph).plan(Operation.select(Parser.parse(query), null), RawVariables.emptyVariables()).toString();
        } catch (PlanningException e) {
            return e.code() + ": " + e.getMessage();
        }
    }
}
