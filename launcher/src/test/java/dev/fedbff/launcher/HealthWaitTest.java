package dev.fedbff.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthWaitTest {

    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void returnsOnceHealthAnswersUp() throws Exception {
        URI health = serve(2);

        new HealthWait(Duration.ofSeconds(10)).awaitUp("fake", health, () -> true);

        assertThat(calls).hasValue(3);
    }

    @Test
    void timesOutWithClearMessageWhenNeverUp() throws IOException {
        URI health = serve(Integer.MAX_VALUE);
        long start = System.nanoTime();

        assertThatThrownBy(() -> new HealthWait(Duration.ofSeconds(3)).awaitUp("fake", health, () -> true))
                .isInstanceOf(HealthWait.NotUp.class)
                .hasMessage("fake did not answer UP at " + health + " within 3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(calls.get()).isGreaterThan(1);
    }

    @Test
    void stopsWaitingWhenTheProcessHasExited() throws IOException {
        URI health = serve(Integer.MAX_VALUE);

        assertThatThrownBy(() -> new HealthWait(Duration.ofSeconds(30)).awaitUp("fake", health, () -> false))
                .isInstanceOf(HealthWait.NotUp.class)
                .hasMessage("fake exited before " + health + " answered UP");
    }

    private URI serve(int downAnswers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health", exchange -> answer(exchange, calls.incrementAndGet() > downAnswers));
        server.start();
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/actuator/health");
    }

    private static void answer(HttpExchange exchange, boolean up) throws IOException {
        byte[] body = (up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(up ? 200 : 503, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
