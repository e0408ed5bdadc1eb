package dev.fedbff.gateway.config;

import dev.fedbff.gateway.compose.CompositionError;
import dev.fedbff.gateway.compose.CompositionException;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.compose.SupergraphSdl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads what the BFF serves: the subgraph schema files ({@code *.graphqls}, {@code *.graphql}) of a folder, in name
 * order, or an Apollo supergraph file.
 */
final class SchemaDirectory {

    private SchemaDirectory() {
    }

    /** The supergraph to serve: from an Apollo supergraph file when one is set, else composed from the schema folder. */
    static Supergraph supergraph(GatewayProperties.Schema schema) {
        if (schema.supergraph() == null || schema.supergraph().isBlank()) {
            return new SupergraphComposer().compose(read(schema.location()));
        }
        Path file = Path.of(schema.supergraph());
        if (!Files.isRegularFile(file)) {
            throw new CompositionException(List.of(new CompositionError(schema.supergraph(), 0, 0, "SUPERGRAPH_NOT_FOUND",
                    "the supergraph file " + file.toAbsolutePath().normalize() + " does not exist (set fedbff.schema.supergraph)")));
        }
        return SupergraphSdl.read(schema.supergraph(), text(file));
    }

    static List<SchemaFile> read(String location) {
        Path dir = Path.of(location);
        if (!Files.isDirectory(dir)) {
            throw new CompositionException(List.of(new CompositionError(location, 0, 0, "SCHEMA_FOLDER_NOT_FOUND",
                    "the schema folder " + dir.toAbsolutePath().normalize() + " does not exist (set fedbff.schema.location)")));
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(SchemaDirectory::isSchema).sorted()
                    .map(file -> new SchemaFile(location.replaceAll("/$", "") + "/" + file.getFileName(), text(file))).toList();
        } catch (IOException e) {
            throw new CompositionException(List.of(new CompositionError(location, 0, 0, "SCHEMA_FOLDER_UNREADABLE", e.getMessage())));
        }
    }

    private static boolean isSchema(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".graphqls") || name.endsWith(".graphql"));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CompositionException(List.of(new CompositionError(file.toString(), 0, 0, "SCHEMA_FILE_UNREADABLE", e.getMessage())));
        }
    }
}
