package dev.fedbff.gateway;

import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's own {@code schema/} folder, composed, for tests of the engine. */
public final class SchemaFixtures {

    public static final Path SCHEMA_DIR = Path.of("..", "schema");

    private SchemaFixtures() {
    }

    public static Supergraph supergraph() {
        return new SupergraphComposer().compose(files(SCHEMA_DIR));
    }

    public static List<SchemaFile> files(Path dir) {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.filter(p -> p.toString().endsWith(".graphqls")).sorted()
                    .map(p -> new SchemaFile("schema/" + p.getFileName(), read(p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
