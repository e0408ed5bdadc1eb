package dev.fedbff.e2e;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A headless Chromium (Debian's {@code chromium} package) driven over the Chrome DevTools Protocol with the JDK's
 * HTTP and WebSocket clients: no driver, no library. It runs with a fresh profile folder, deleted on close.
 */
final class Chromium implements AutoCloseable {

    /** Where Chromium may be: {@code $CHROMIUM} first, then the names distributions give it, on the PATH. */
    static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path profile;
    private final int port;

    private Chromium(Process process, Path profile, int port) {
        this.process = process;
        this.profile = profile;
        this.port = port;
    }

    /** The Chromium binary to use; empty when none is installed. */
    static Optional<Path> find() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts Chromium headless with its DevTools endpoint on a free local port, and waits until it answers. */
    static Chromium launch(Path binary, Path logs) {
        try {
            Path profile = Files.createTempDirectory("fedbff-chromium-");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
                    "--remote-debugging-port=0", "--window-size=1440,900", "about:blank"));
            Files.createDirectories(logs.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logs.toFile()).start();
            return new Chromium(process, profile, awaitPort(process, profile, logs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /** Chromium writes the port it chose into {@code DevToolsActivePort} in its profile folder once it listens. */
    private static int awaitPort(Process process, Path profile, Path logs) throws IOException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + ":\n" + Files.readString(logs));
            }
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (lines.size() >= 2) {
                return Integer.parseInt(lines.get(0).trim());
            }
            JavaProcess.sleep(100);
        }
        throw new IllegalStateException("Chromium did not open its DevTools port in 60 s:\n" + Files.readString(logs));
    }

    /** A new tab, driven through its own DevTools WebSocket. */
    DevToolsPage newPage() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
                .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode target = GraphQLClient.JSON.readTree(response.body());
            return DevToolsPage.connect(URI.create(target.get("webSocketDebuggerUrl").asString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        JavaProcess.stop(process);
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
