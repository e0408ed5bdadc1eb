package dev.fedbff.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The container health check, run as the images run it: a JVM with the launcher on its class path. */
class HealthProbeTest {

    HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/up", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/down", exchange -> answer(exchange, 503, "{\"status\":\"OUT_OF_SERVICE\"}"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void exitsZeroOnlyWhenTheUrlAnswersUp() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        assertThat(probe(base + "/up")).isZero();
        assertThat(probe(base + "/down")).isEqualTo(1);
        server.stop(0);
        assertThat(probe(base + "/up")).isEqualTo(1);
    }

    private static int probe(String url) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), HealthProbe.class.getName(), url))
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
