package dev.fedbff.e2e;

import com.sun.net.httpserver.HttpExchange;
import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a BFF process while a slow GraphQL query and a streaming REST download are in flight: it stops taking
 * new connections and reports readiness REFUSING_TRAFFIC at once, lets both requests complete, then exits; a request
 * that outlasts the grace period does not keep it alive.
 */
class GracefulShutdownIT {

    static final String SECRET = LocalSystem.newSecret();
    static final int CHUNK = 64 * 1024;
    static final int CHUNKS = 32;

    RecordingBackend backend;
    JavaProcess bff;
    final ExecutorService clients = Executors.newCachedThreadPool();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void startBackend() {
        backend = new RecordingBackend("users", 0)
                .answer("/graphql", call -> Answer.json("{\"data\":{\"user\":{\"id\":\"1\",\"name\":\"Ada\"}}}").held())
                .handle("/users/", this::export);
    }

    @AfterEach
    void stop() {
        backend.release();
        if (bff != null) {
            bff.close();
        }
        backend.close();
        clients.shutdownNow();
    }

    @Test
    void inFlightRequestsCompleteAfterSigtermAndThenTheProcessExits() throws Exception {
        bff = startBff("30s");
        assertThat(get("/actuator/health/readiness").body()).contains("\"UP\"");

        CompletableFuture<HttpResponse<String>> query = CompletableFuture.supplyAsync(() -> send(graphql()), clients);
        HttpResponse<InputStream> download = http.send(download(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = download.body();
        byte[] first = body.readNBytes(CHUNK);
        assertThat(backend.awaitCalls("", 2, Duration.ofSeconds(60))).as("both requests reached the backend").isTrue();

        bff.process().destroy();

        awaitRefusingConnections();
        assertThat(awaitLog("REFUSING_TRAFFIC")).contains("Readiness: REFUSING_TRAFFIC");
        assertThat(bff.process().isAlive()).as("still running while requests are in flight").isTrue();
        assertThat(query).isNotDone();

        backend.release();

        assertThat(query.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(query.get().body()).isEqualTo("{\"data\":{\"user\":{\"id\":\"1\",\"name\":\"Ada\"}}}");
        assertThat(download.statusCode()).isEqualTo(200);
        byte[] rest = body.readAllBytes();
        assertThat(first.length + rest.length).isEqualTo(CHUNK * CHUNKS);
        assertThat(rest).containsOnly((byte) 'x');
        assertThat(bff.process().waitFor(60, TimeUnit.SECONDS)).as("exited once the requests completed").isTrue();
        assertThat(bff.output()).contains("Graceful shutdown complete");
    }

    @Test
    void aRequestThatOutlastsTheGracePeriodDoesNotKeepTheProcessAlive() throws Exception {
        bff = startBff("1s");
        CompletableFuture<HttpResponse<String>> query = CompletableFuture.supplyAsync(() -> send(graphql()), clients);
        assertThat(backend.awaitCalls("/graphql", 1, Duration.ofSeconds(60))).isTrue();

        bff.process().destroy();

        assertThat(bff.process().waitFor(60, TimeUnit.SECONDS)).as("exited although the backend still holds the request").isTrue();
        assertThat(bff.output()).contains("Graceful shutdown aborted with one or more requests still active");
        assertThat(query).failsWithin(Duration.ofSeconds(30));
    }

    private JavaProcess startBff(String grace) {
        String backendAddress = "http://127.0.0.1:" + backend.port();
        List<String> arguments = List.of(
                "--fedbff.schema.location=" + LocalSystem.schemaFolder(),
                "--fedbff.auth.hs256-secret=" + SECRET,
                "--fedbff.services.users=" + backendAddress,
                "--fedbff.resilience.timeout=120s",
                "--fedbff.resilience.request-timeout=120s",
                "--fedbff.resilience.slow-call-duration=120s",
                "--spring.lifecycle.timeout-per-shutdown-phase=" + grace);
        return JavaProcess.start("web-bff-shutdown-" + grace, "web-bff", JavaProcess.freePort(), arguments).awaitHealthy();
    }

    private void awaitRefusingConnections() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", bff.port()), 1000);
            } catch (ConnectException refused) {
                return;
            } catch (IOException e) {
                // timed out: try again
            }
            JavaProcess.sleep(50);
        }
        throw new AssertionError("the BFF still accepts connections 60 s after SIGTERM:\n" + bff.tail());
    }

    private String awaitLog(String text) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !bff.output().contains(text)) {
            JavaProcess.sleep(50);
        }
        return bff.output();
    }

    private HttpRequest graphql() {
        return HttpRequest.newBuilder(uri("/graphql")).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GraphQLClient.query("{ user(id: \"1\") { id name } }"))).build();
    }

    private HttpRequest download() {
        return HttpRequest.newBuilder(uri("/api/users/1/export")).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token()).GET().build();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + bff.port() + path);
    }

    private static String token() {
        return dev.fedbff.testsupport.TokenIssuer.hs256(SECRET).token("42");
    }

    /**
     * {@code GET /users/1/export} as the users backend streams it: a 2 MB body of which only the first 64 KB leave
     * before the test releases the backend.
     */
    private void export(HttpExchange exchange) throws IOException {
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 'x');
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(chunk);
            out.flush();
            backend.awaitRelease();
            for (int i = 1; i < CHUNKS; i++) {
                out.write(chunk);
            }
        }
    }
}
