package dev.fedbff.gateway.connect;

import com.sun.net.httpserver.HttpServer;
import dev.fedbff.gateway.core.Caller;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What the balancer learns from each call: every lease is released once, with what the instance did. */
class HttpTransportLeaseTest {

    final HttpTransport transport = new HttpTransport(HttpClient.create(), IdentityHeaders.DEFAULT);
    final List<InstanceLease.Outcome> outcomes = new CopyOnWriteArrayList<>();
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @CsvSource({"200, SUCCEEDED", "404, SUCCEEDED", "500, FAILED", "503, FAILED"})
    void anAnswerReleasesTheLeaseAsTheStatusSays(int status, InstanceLease.Outcome expected) throws IOException {
        URI address = serve(status, Duration.ZERO);

        StepVerifier.create(call(address)).expectNextCount(1).verifyComplete();

        assertThat(outcomes).containsExactly(expected);
    }

    @Test
    void noAnswerFailsTheInstance() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        StepVerifier.create(call(URI.create("http://127.0.0.1:" + closed)))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(SubgraphCallException.class)
                        .hasMessage("service products is unreachable: connection refused"));

        assertThat(outcomes).containsExactly(InstanceLease.Outcome.FAILED);
    }

    @Test
    void aCallCancelledByATimeoutSaysNothingAboutTheInstance() throws IOException {
        URI address = serve(200, Duration.ofSeconds(2));

        StepVerifier.create(call(address).timeout(Duration.ofMillis(200))).verifyError(java.util.concurrent.TimeoutException.class);

        assertThat(outcomes).containsExactly(InstanceLease.Outcome.ABANDONED);
    }

    private Mono<HttpTransport.Reply> call(URI address) {
        Mono<InstanceLease> lease = Mono.fromSupplier(() -> new RecordingLease(address));
        return HttpTransport.leased(lease, instance -> transport.send("products", HttpMethod.GET, instance.address().resolve("/products/1"),
                null, Caller.ANONYMOUS));
    }

    private URI serve(int status, Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(delay.toMillis());
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException | IOException e) {
                // the client gave up
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A lease that keeps its first release: later ones are ignored, as {@link InstanceLease} says. */
    private final class RecordingLease implements InstanceLease {
        private final URI address;

        RecordingLease(URI address) {
            this.address = address;
        }

        @Override
        public URI address() {
            return address;
        }

        @Override
        public void release(Outcome outcome) {
            if (outcomes.isEmpty()) {
                outcomes.add(outcome);
            }
        }
    }
}
