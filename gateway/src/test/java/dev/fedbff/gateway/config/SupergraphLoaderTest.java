package dev.fedbff.gateway.config;

import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.Contract;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.edge.GraphQLGateway;
import dev.fedbff.gateway.execute.PlanExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph a BFF serves is built the same way at start-up and on every reload: the schema folder, the BFF's own
 * schema file and its contract. A change that breaks the contract leaves the old graph serving, with the contract's
 * one-line error.
 */
class SupergraphLoaderTest {

    static final SchemaFile OWN = new SchemaFile("classpath:/web-bff.graphqls",
            SchemaFixtures.read(Path.of("..", "web-bff", "src", "main", "resources", "web-bff.graphqls")));
    static final Contract MOBILE = new Contract(Set.of(), Set.of("internal", "web-only"));

    @Test
    void everyLoadHasTheOwnFieldsAndTheContract(@TempDir Path schema) throws IOException {
        copySchemaFolder(schema);
        SupergraphLoader loader = new SupergraphLoader(new GatewayProperties.Schema(schema.toString(), null, null), List.of(OWN), MOBILE);

        for (Supergraph supergraph : List.of(loader.load(), loader.load())) {
            assertThat(supergraph.apiSchema().getObjectType("User").getFieldDefinition("spendingByMonth")).isNotNull();
            assertThat(supergraph.apiSchema().getObjectType("User").getFieldDefinition("createdAt")).isNull();
            assertThat(supergraph.subgraphs()).anyMatch(subgraph -> subgraph.name().equals("web-bff"));
        }
    }

    @Test
    void aReloadThatBreaksTheContractKeepsTheOldGraphServing(@TempDir Path schema) throws IOException {
        copySchemaFolder(schema);
        SupergraphLoader loader = new SupergraphLoader(new GatewayProperties.Schema(schema.toString(), null, null), List.of(OWN), MOBILE);
        Supergraph serving = loader.load();
        GraphQLGateway gateway = new GraphQLGateway(serving, new PlanExecutor(request -> reactor.core.publisher.Mono.never()), 100);
        SchemaReloader reloader = new SchemaReloader(loader, gateway, Clock.systemUTC(), null);
        Path users = schema.resolve("users.graphqls");
        Files.writeString(users, Files.readString(users).replace("user(id: ID!): User", "user(id: ID! @tag(name: \"web-only\")): User"));

        SchemaReloader.Result result = reloader.reload("test");

        assertThat(result.outcome()).isEqualTo("failed");
        assertThat(result.errors()).containsExactly("CONTRACT_REQUIRED_ARGUMENT: the contract (include [], exclude [internal, web-only]) hides "
                + "the required argument Query.user(id:) but not Query.user; tag the field too");
        assertThat(gateway.supergraph()).isSameAs(serving);
    }

    private static void copySchemaFolder(Path target) throws IOException {
        for (SchemaFile file : SchemaFixtures.files(SchemaFixtures.SCHEMA_DIR)) {
            Files.writeString(target.resolve(file.path().substring(file.path().lastIndexOf('/') + 1)), file.text());
        }
    }
}
