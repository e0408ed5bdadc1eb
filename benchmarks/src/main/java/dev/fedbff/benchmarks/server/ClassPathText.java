package dev.fedbff.benchmarks.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A UTF-8 text file of the benchmarks' class path: schemas and operations. */
public final class ClassPathText {

    private ClassPathText() {
    }

    /** The resource's text ({@code resource} relative to the class path's root), or empty when there is none. */
    public static Optional<String> find(String resource) {
        try (InputStream in = ClassPathText.class.getResourceAsStream("/" + resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resource's text; a resource the jar must hold and does not is a broken build. */
    public static String read(String resource) {
        return find(resource).orElseThrow(() -> new IllegalStateException(resource + " is not on the class path"));
    }
}
