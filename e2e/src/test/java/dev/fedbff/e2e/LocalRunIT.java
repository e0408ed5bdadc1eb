package dev.fedbff.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's two-minute tour against the real launcher ({@code ./run.sh} runs the same jar): the profile query on both
 * BFFs, payments ending, the launcher saying so and how to start it again, both BFFs answering with {@code payment: null}
 * and errors at their paths, {@code start payments} bringing it back, and the end of the launcher stopping all six.
 */
class LocalRunIT {

    static final Pattern BFF_URL = Pattern.compile("^ {2}(web-bff|mobile-bff)\\s+(http://localhost:\\d+/graphql)$", Pattern.MULTILINE);
    static final Pattern TOKEN = Pattern.compile("Authorization: Bearer ([^']+)'");
    static final String VERSION = System.getProperty("fedbff.version", "0.1.0-SNAPSHOT");
    /** Six JVMs starting at once on a busy two-core machine can take minutes. */
    static final java.time.Duration STARTUP = java.time.Duration.ofMinutes(15);

    static final Path LOG = JavaProcess.LOGS.resolve("launcher.log");
    static Process launcher;
    static final List<ProcessHandle> services = new ArrayList<>();
    static String token;
    static final List<URI> bffs = new ArrayList<>();

    @BeforeAll
    static void startTheLocalRun() throws IOException {
        Files.createDirectories(JavaProcess.LOGS);
        Path jar = JavaProcess.ROOT.resolve("launcher/target/launcher-" + VERSION + ".jar");
        launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--root=" + JavaProcess.ROOT, "--free-ports", "--log-dir=" + JavaProcess.LOGS.resolve("local-run"),
                "--startup-timeout=" + STARTUP.toSeconds())
                .redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        String banner = awaitOutput("Ctrl-C stops all");
        Matcher urls = BFF_URL.matcher(banner);
        while (urls.find()) {
            bffs.add(URI.create(urls.group(2)));
        }
        Matcher bearer = TOKEN.matcher(banner);
        assertThat(bearer.find()).as("the banner's curl carries a token:\n" + banner).isTrue();
        token = bearer.group(1);
        launcher.toHandle().children().forEach(services::add);
    }

    @AfterAll
    static void stopTheLocalRun() throws InterruptedException {
        if (launcher.isAlive()) {
            launcher.destroy();
            launcher.waitFor(60, TimeUnit.SECONDS);
        }
        launcher.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void stoppingPaymentsLeavesBothBffsServingPartialDataAndStartingItAgainRestoresIt() throws Exception {
        assertThat(bffs).hasSize(2);
        assertThat(services).hasSize(6);
        bffs.forEach(bff -> assertThat(profile(bff).json()).isEqualTo(Map.of("data", Map.of("me", ProfileQueryIT.expectedProfile("42", 5)))));

        services.stream().filter(service -> commandLine(service).contains("payments-" + VERSION + "-exec.jar")).findFirst()
                .orElseThrow(() -> new AssertionError("no payments process among the launcher's children")).destroy();

        String stopped = awaitOutput("Start it again: type  start payments  and press Enter.");
        assertThat(stopped).contains("payments stopped (exit code 143).",
                "The others keep serving: the BFFs answer without payments, with null fields and errors at their paths.");
        for (URI bff : bffs) {
            GraphQLClient.Response response = profile(bff);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("data")).isEqualTo(Map.of("me", PaymentsDownIT.withoutPayments(ProfileQueryIT.expectedProfile("42", 5))));
            assertThat(PaymentsDownIT.errorPaths(response)).containsExactly(
                    List.of("me", "orders", 0, "payment"), List.of("me", "orders", 1, "payment"), List.of("me", "orders", 2, "payment"),
                    List.of("me", "orders", 3, "payment"), List.of("me", "orders", 4, "payment"));
        }
        assertThat(launcher.isAlive()).isTrue();
        assertThat(services.stream().filter(ProcessHandle::isAlive)).hasSize(5);

        type("start payments");

        awaitOutput("payments is up again on port");
        for (URI bff : bffs) {
            awaitAnswer(bff, response -> response.json().equals(Map.of("data", Map.of("me", ProfileQueryIT.expectedProfile("42", 5)))));
        }

        launcher.destroy();

        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output()).contains("Stopping all services...");
        assertThat(launcher.toHandle().descendants().filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(services.stream().filter(ProcessHandle::isAlive)).isEmpty();
    }

    private static GraphQLClient.Response profile(URI bff) {
        return GraphQLClient.post(bff, token, GraphQLClient.query(ProfileQueryIT.PROFILE));
    }

    /** The breaker of payments may still be open for a while after it is back: ask again until the answer is whole. */
    private static void awaitAnswer(URI bff, Predicate<GraphQLClient.Response> whole) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        GraphQLClient.Response last = null;
        while (System.nanoTime() < deadline) {
            last = profile(bff);
            if (whole.test(last)) {
                return;
            }
            JavaProcess.sleep(500);
        }
        throw new AssertionError(bff + " still answers without payments: " + (last == null ? "" : last.body()));
    }

    private static void type(String command) throws IOException {
        OutputStream in = launcher.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().or(() -> process.info().arguments().map(a -> String.join(" ", a))).orElse("");
    }

    private static String awaitOutput(String text) {
        long deadline = System.nanoTime() + STARTUP.toNanos() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline && !output().contains(text)) {
            if (!launcher.isAlive()) {
                throw new AssertionError("the launcher exited with " + launcher.exitValue() + ":\n" + output());
            }
            JavaProcess.sleep(100);
        }
        assertThat(output()).as("launcher output").contains(text);
        return output();
    }

    private static String output() {
        try {
            return Files.readString(LOG);
        } catch (IOException e) {
            return "";
        }
    }
}
