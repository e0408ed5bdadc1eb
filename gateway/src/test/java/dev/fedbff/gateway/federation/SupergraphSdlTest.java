package dev.fedbff.gateway.federation;

import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.CompositionException;
import dev.fedbff.gateway.compose.Subgraph;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.compose.SupergraphSdl;
import dev.fedbff.gateway.plan.Operation;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A supergraph composed by Apollo's own {@code @apollo/composition} from {@code schema/} (the fixture; see
 * {@code scripts/apollo-supergraph.sh}) gives the same client schema and the same plans as composing {@code schema/};
 * so does one composed from the entity interface and two {@code @interfaceObject} subgraphs of the conformance case
 * {@code interface-objects-in-two-subgraphs}.
 */
class SupergraphSdlTest {

    static final Path FIXTURE = Path.of("src/test/resources/supergraph/apollo-supergraph.graphql");
    static final Supergraph FROM_SCHEMA_DIR = SchemaFixtures.supergraph();
    static final Supergraph FROM_APOLLO = SupergraphSdl.read("apollo-supergraph.graphql", SchemaFixtures.read(FIXTURE));
    static final Path FEDERATION_CASES = Path.of("src/test/resources/federation");
    static final Supergraph INTERFACE_OBJECTS_FROM_FILES = new SupergraphComposer()
            .compose(SchemaFixtures.files(FEDERATION_CASES.resolve("interface-objects-in-two-subgraphs")));
    static final Supergraph INTERFACE_OBJECTS_FROM_APOLLO = SupergraphSdl.read("interface-objects-supergraph.graphql",
            SchemaFixtures.read(Path.of("src/test/resources/supergraph/interface-objects-supergraph.graphql")));

    static Stream<Path> operations() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/plans"))) {
            return dirs.map(dir -> dir.resolve("operation.graphql")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void plansAreTheSameAsFromTheSchemaFolder(Path operation) {
        String query = SchemaFixtures.read(operation);

        assertThat(plan(FROM_APOLLO, query)).isEqualTo(plan(FROM_SCHEMA_DIR, query));
    }

    /** The operations of the cases over the same entity interface, Media, and its @interfaceObject subgraphs. */
    static Stream<String> interfaceObjectCases() {
        return Stream.of("interface-objects-in-two-subgraphs", "interface-object-adds-a-field-to-every-implementation",
                "interface-object-field-through-a-concrete-type-fragment", "interface-object-entry-needs-the-concrete-type",
                "interface-object-entry-reads-an-interface-field-from-the-interface-subgraph", "interface-object-entry-stays-in-one-fetch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interfaceObjectCases")
    void entityInterfacePlansAreTheSameAsFromTheSubgraphFiles(String name) {
        String query = SchemaFixtures.read(FEDERATION_CASES.resolve(name).resolve("operation.graphql"));

        assertThat(plan(INTERFACE_OBJECTS_FROM_APOLLO, query)).isEqualTo(plan(INTERFACE_OBJECTS_FROM_FILES, query));
    }

    @Test
    void entityInterfaceClientSchemaIsTheSame() {
        SchemaPrinter printer = new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(false));

        assertThat(printer.print(INTERFACE_OBJECTS_FROM_APOLLO.apiSchema())).isEqualTo(printer.print(INTERFACE_OBJECTS_FROM_FILES.apiSchema()))
                .contains("interface Media {\n  id: ID!\n  reviews: [Review!]!\n  stars: Int!\n  title: String!\n}")
                .contains("type Book implements Media {\n  author: String!\n  id: ID!\n  reviews: [Review!]!\n  stars: Int!\n  title: String!\n}")
                .doesNotContain("interfaceObject");
    }

    @Test
    void clientSchemaIsTheSame() {
        SchemaPrinter printer = new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(false));

        assertThat(printer.print(FROM_APOLLO.apiSchema())).isEqualTo(printer.print(FROM_SCHEMA_DIR.apiSchema()));
    }

    @Test
    void subgraphUrlsComeFromJoinGraph() {
        assertThat(FROM_APOLLO.addresses()).containsEntry("users", URI.create("http://localhost:4001/graphql"))
                .containsEntry("orders", URI.create("http://localhost:4002/graphql"));
        assertThat(FROM_APOLLO.subgraphs()).extracting(Subgraph::name).containsExactlyInAnyOrder("users", "orders", "products", "payments");
    }

    @Test
    void aTextThatIsNotASupergraphIsAClearError() {
        assertThatThrownBy(() -> SupergraphSdl.read("users.graphqls", "type Query { me: String }"))
                .isInstanceOf(CompositionException.class)
                .hasMessage("users.graphqls:1:1: INVALID_SUPERGRAPH: no join__Graph enum: this is not a supergraph composed by Apollo (join v0.3 or later)");
    }

    /**
     * Supergraphs Apollo composed from subgraphs that fedbff's own composition rules refuse: read as their join
     * directives say, they load (the conformance cases {@code supergraph-*} answer operations over them).
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedByOurCompositionButComposedByApollo")
    void anApolloSupergraphIsNotComposedAgain(String name, String ourError) {
        Path dir = FEDERATION_CASES.resolve(name);

        assertThatThrownBy(() -> new SupergraphComposer().compose(SchemaFixtures.files(dir))).hasMessageContaining(ourError);
        Supergraph supergraph = SupergraphSdl.read("supergraph.graphql", SchemaFixtures.read(dir.resolve("supergraph.graphql")));
        assertThat(supergraph.apiSchema().getQueryType().getFieldDefinitions()).isNotEmpty();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> refusedByOurCompositionButComposedByApollo() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("supergraph-enum-value-inaccessible-in-one-subgraph", "ENUM_VALUE_MISMATCH"),
                org.junit.jupiter.params.provider.Arguments.of("supergraph-provides-on-a-union-typed-field", "PROVIDES_ON_NON_OBJECT_FIELD"),
                org.junit.jupiter.params.provider.Arguments.of("supergraph-field-typed-as-a-union-member-in-one-subgraph", "FIELD_TYPE_MISMATCH"),
                org.junit.jupiter.params.provider.Arguments.of("supergraph-argument-default-is-an-inaccessible-enum-value", "Invalid default value"),
                org.junit.jupiter.params.provider.Arguments.of("supergraph-enum-value-inaccessible-in-one-subgraph-answered-in-an-entity-fetch", "ENUM_VALUE_MISMATCH"),
                org.junit.jupiter.params.provider.Arguments.of("supergraph-provides-on-a-union-typed-field-inside-an-entity-fetch", "PROVIDES_ON_NON_OBJECT_FIELD"),
                org.junit.jupiter.params.provider.Arguments.of("supergraph-field-typed-as-an-interface-implementation-in-one-subgraph", "FIELD_TYPE_MISMATCH"),
                org.junit.jupiter.params.provider.Arguments.of("supergraph-entity-field-argument-default-is-an-inaccessible-enum-value", "Invalid default value"));
    }

    private static String plan(Supergraph supergraph, String query) {
        return new QueryPlanner(supergraph).plan(Operation.select(Parser.parse(query), null), RawVariables.emptyVariables()).toString();
    }
}
