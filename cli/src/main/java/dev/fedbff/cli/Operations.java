package dev.fedbff.cli;

import dev.fedbff.gateway.persisted.OperationManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The operations clients send: an Apollo persisted-query manifest's entries, or the {@code .graphql} files of a folder. */
final class Operations {

    /** One document to check, named as the report names it: {@code manifest.json#Profile} or {@code ops/profile.graphql}. */
    record Source(String name, String text) {
    }

    private Operations() {
    }

    static List<Source> read(Path location) {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                return files.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".graphql") || f.toString().endsWith(".gql")))
                        .sorted().map(f -> new Source(f.toString(), SchemaTool.text(f))).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!Files.isRegularFile(location)) {
            throw new IllegalArgumentException(location + " is neither a persisted-query manifest nor a folder of .graphql files");
        }
        OperationManifest manifest = OperationManifest.parse(SchemaTool.text(location), location.toString());
        return manifest.operations().stream()
                .map(op -> new Source(location + "#" + (op.name() == null || op.name().isBlank() ? op.id() : op.name()), op.body())).toList();
    }
}
