package dev.fedbff.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema tool as a subgraph team's CI runs it: {@code java -jar cli-exec.jar compose schema/} prints a supergraph
 * or every error with file, line and rule; {@code check} fails on a change that breaks an operation of a
 * persisted-query manifest or of a folder of {@code .graphql} files; and the printed supergraph, served through
 * {@code fedbff.schema.supergraph}, answers like {@code schema/}.
 */
class SchemaToolIT {

    static final Path MANIFEST = JavaProcess.ROOT.resolve("mobile-bff/src/main/resources/persisted-query-manifest.json");

    record Run(int exit, String out, String err) {
    }

    @Test
    void composesTheShippedSchemaFolder() {
        Run run = tool("compose", "schema");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("schema\n  @link(url: \"https://specs.apollo.dev/link/v1.0\")")
                .contains("@link(url: \"https://specs.apollo.dev/join/v0.5\", for: EXECUTION)")
                .contains("USERS @join__graph(name: \"users\"")
                .contains("@join__type(graph: ORDERS, key: \"id\")");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aBrokenCopyExitsNonZeroWithFileLineAndRule(@TempDir Path schema) throws IOException {
        copySchema(schema);
        Path orders = schema.resolve("orders.graphqls");
        String broken = Files.readString(orders).replace("type Order @key(fields: \"id\")", "type Order @key(fields: \"orderNumber\")");
        Files.writeString(orders, broken);
        int line = 1 + (int) broken.lines().takeWhile(l -> !l.contains("orderNumber")).count();

        Run run = tool("compose", schema.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).containsPattern(schema + "/orders.graphqls:" + line + ":\\d+: KEY_INVALID_FIELDS: ").contains("1 error");
    }

    @Test
    void checkPassesWhenNothingBreaks() {
        Run run = tool("check", "schema", "--against", "schema", "--operations", MANIFEST.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("operations checked against schema: no breaking changes");
    }

    @Test
    void checkFlagsAFieldRemovalThatBreaksAManifestOperation(@TempDir Path schema) throws IOException {
        copySchema(schema);
        Path orders = schema.resolve("orders.graphqls");
        Files.writeString(orders, Files.readString(orders).replace("  status: OrderStatus!\n", ""));

        Run run = tool("check", schema.toString(), "--against", "schema", "--operations", MANIFEST.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(MANIFEST + "#Profile: field Order.status was removed")
                .containsPattern("\\d+ breaking changes?");
    }

    @Test
    void checkFlagsANewRequiredArgumentAndARetypedFieldInAFolderOfOperations(@TempDir Path work) throws IOException {
        Path schema = Files.createDirectory(work.resolve("schema"));
        copySchema(schema);
        Path users = schema.resolve("users.graphqls");
        Files.writeString(users, Files.readString(users).replace("  me: User\n", "  me(tenant: String!): User\n").replace("  name: String!\n", "  name: Int!\n"));
        Path operations = Files.createDirectory(work.resolve("operations"));
        Files.writeString(operations.resolve("profile.graphql"), ProfileQueryIT.PROFILE);

        Run run = tool("check", schema.toString(), "--against", "schema", "--operations", operations.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(operations.resolve("profile.graphql") + " (Profile): field Query.me has a new required argument tenant: String!")
                .contains("field User.name changed type from String! to Int!");
    }

    @Test
    void itsSupergraphServedThroughTheSupergraphSettingAnswersLikeTheSchemaFolder(@TempDir Path work) throws IOException {
        Run run = tool("compose", "schema");
        assertThat(run.exit()).isZero();
        Path supergraph = work.resolve("supergraph.graphql");
        Files.writeString(supergraph, run.out());
        LocalSystem system = LocalSystem.shared();
        List<String> arguments = new ArrayList<>(system.bffArguments(LocalSystem.schemaFolder()));
        arguments.add("--fedbff.schema.supergraph=" + supergraph);

        try (JavaProcess bff = JavaProcess.start("web-bff-from-schema-tool", "web-bff", JavaProcess.freePort(), arguments).awaitHealthy()) {
            URI fromTool = URI.create("http://127.0.0.1:" + bff.port() + "/graphql");
            GraphQLClient.Response expected = GraphQLClient.post(system.graphql("web-bff"), system.token("42"), GraphQLClient.query(ProfileQueryIT.PROFILE));
            GraphQLClient.Response actual = GraphQLClient.post(fromTool, system.token("42"), GraphQLClient.query(ProfileQueryIT.PROFILE));

            assertThat(expected.json()).doesNotContainKey("errors");
            assertThat(actual.status()).isEqualTo(200);
            assertThat(actual.json()).isEqualTo(expected.json());
        }
    }

    private static void copySchema(Path target) throws IOException {
        try (Stream<Path> files = Files.list(JavaProcess.ROOT.resolve("schema"))) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }

    /** Runs the tool's jar as CI would, from the repository root. */
    private static Run tool(String... args) {
        Path jar = JavaProcess.ROOT.resolve("cli/target/cli-" + System.getProperty("fedbff.version", "0.1.0-SNAPSHOT") + "-exec.jar");
        assertThat(jar).as("the schema tool's jar (./mvnw verify packages it)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("schema-tool", ".out");
            Path err = Files.createTempFile("schema-tool", ".err");
            Process process = new ProcessBuilder(command).directory(JavaProcess.ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the schema tool did not finish in 120 s: " + command);
            }
            Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
