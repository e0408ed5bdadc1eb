package dev.fedbff.mobile;

import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.persisted.OperationManifest;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifest mobile-bff ships (the operations of the phone app) stays true to the graph: every operation is valid
 * against the composed {@code schema/}, and its id is the SHA-256 of its body, as Apollo's manifest generator makes it,
 * so that an APQ client's hash finds it too.
 */
class PersistedQueryManifestTest {

    static OperationManifest manifest() throws IOException {
        try (InputStream in = PersistedQueryManifestTest.class.getResourceAsStream("/persisted-query-manifest.json")) {
            return OperationManifest.parse(in.readAllBytes(), "persisted-query-manifest.json");
        }
    }

    static Supergraph supergraph() throws IOException {
        try (Stream<Path> paths = Files.list(Path.of("..", "schema"))) {
            List<SchemaFile> files = paths.filter(path -> path.toString().endsWith(".graphqls")).sorted()
                    .map(path -> new SchemaFile("schema/" + path.getFileName(), read(path))).toList();
            return new SupergraphComposer().compose(files);
        }
    }

    @Test
    void everyOperationIsValidAgainstTheGraph() throws IOException {
        Supergraph supergraph = supergraph();
        OperationManifest manifest = manifest();

        assertThat(manifest.operations()).extracting(OperationManifest.Operation::name)
                .contains("Profile", "OrderDetails", "ProductsByCategory", "ProductDetails", "PlaceOrder");
        for (OperationManifest.Operation operation : manifest.operations()) {
            ParseAndValidateResult result = ParseAndValidate.parseAndValidate(supergraph.apiSchema(),
                    ExecutionInput.newExecutionInput(operation.body()).build());
            assertThat(result.getErrors()).as(operation.name()).isEmpty();
        }
    }

    @Test
    void everyIdIsTheSha256OfItsBody() throws Exception {
        for (OperationManifest.Operation operation : manifest().operations()) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(operation.body().getBytes(StandardCharsets.UTF_8));
            assertThat(operation.id()).as(operation.name()).isEqualTo(HexFormat.of().formatHex(digest));
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
