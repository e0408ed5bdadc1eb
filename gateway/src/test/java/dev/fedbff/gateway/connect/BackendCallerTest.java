package dev.fedbff.gateway.connect;

import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Answer;
import dev.fedbff.gateway.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one backend call, buffered and streamed: what the balancer learns from each (every lease released once, with
 * what the instance did), and what a call that got no answer fails with.
 */
class BackendCallerTest {

    final List<InstanceLease.Outcome> outcomes = new CopyOnWriteArrayList<>();
    URI instance;
    RecordingBackend server;

    final BackendCaller backends = new BackendCaller(HttpClient.create(), new ServiceLocator() {
        @Override
        public Mono<URI> locate(String service) {
            return instance == null ? Mono.empty() : Mono.just(instance);
        }

        @Override
        public Mono<InstanceLease> lease(String service) {
            return locate(service).map(RecordingLease::new);
        }
    }, Clock.systemUTC());

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"200, SUCCEEDED", "404, SUCCEEDED", "500, FAILED", "503, FAILED"})
    void aBufferedAnswerReleasesTheLeaseAsTheStatusSays(int status, InstanceLease.Outcome expected) throws IOException {
        serve(status, false);

        StepVerifier.create(backends.call(get())).assertNext(reply -> {
            assertThat(reply.status()).isEqualTo(status);
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("answer " + status);
        }).verifyComplete();

        assertThat(outcomes).containsExactly(expected);
    }

    @Test
    void aStreamedAnswerSucceedsOnceItsBodyHasBeenRead() throws IOException {
        serve(200, false);

        StreamedReply reply = backends.stream(get()).block(Duration.ofSeconds(10));
        assertThat(outcomes).as("the body is still to be read").isEmpty();

        StepVerifier.create(reply.body().map(buffer -> {
            String text = buffer.toString(StandardCharsets.UTF_8);
            buffer.release();
            return text;
        }).reduce(String::concat)).expectNext("answer 200").verifyComplete();
        assertThat(outcomes).containsExactly(InstanceLease.Outcome.SUCCEEDED);
    }

    @Test
    void aStreamed5xxFailsWithTheAnswerToPassOnAndFailsTheInstance() throws IOException {
        serve(503, false);

        StepVerifier.create(backends.stream(get())).verifyErrorSatisfies(error -> {
            assertThat(error).isInstanceOf(BackendFailure.class);
            assertThat(((BackendFailure) error).status()).isEqualTo(503);
            assertThat(new String(((BackendFailure) error).body(), StandardCharsets.UTF_8)).isEqualTo("answer 503");
        });

        assertThat(outcomes).containsExactly(InstanceLease.Outcome.FAILED);
    }

    @Test
    void noAnswerFailsTheInstanceAndSaysTheBackendIsUnreachable() {
        instance = URI.create("http://127.0.0.1:" + Ports.closed());

        StepVerifier.create(backends.call(get())).verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(SubgraphCallException.class)
                .hasMessage("service products is unreachable: connection refused")
                .extracting(e -> ((SubgraphCallException) e).code()).isEqualTo("SERVICE_UNAVAILABLE"));
        StepVerifier.create(backends.stream(get())).verifyErrorSatisfies(error -> assertThat(error)
                .hasMessage("service products is unreachable: connection refused"));

        assertThat(outcomes).containsExactly(InstanceLease.Outcome.FAILED, InstanceLease.Outcome.FAILED);
    }

    @Test
    void aCallCancelledByATimeoutSaysNothingAboutTheInstance() throws IOException {
        serve(200, true);

        StepVerifier.create(backends.call(get()).timeout(Duration.ofMillis(200))).verifyError(java.util.concurrent.TimeoutException.class);

        assertThat(outcomes).containsExactly(InstanceLease.Outcome.ABANDONED);
    }

    @Test
    void withoutAnInstanceTheCallFailsOrGoesWhereTheUrlSays() throws IOException {
        StepVerifier.create(backends.call(get())).verifyErrorSatisfies(error -> assertThat(error)
                .hasMessage("no instance of service products is known (set fedbff.services.products or register it)")
                .extracting(e -> ((SubgraphCallException) e).code()).isEqualTo("SERVICE_UNAVAILABLE"));

        URI asWritten = serve(200, false);
        instance = null;
        BackendRequest request = BackendRequest.of("products", HttpMethod.GET, BackendRequest.Target.url(asWritten.resolve("/products/1")),
                new HttpHeaders());
        StepVerifier.create(backends.call(request)).assertNext(reply -> assertThat(reply.status()).isEqualTo(200)).verifyComplete();
    }

    private static BackendRequest get() {
        return BackendRequest.of("products", HttpMethod.GET, BackendRequest.Target.path("/products/1"), new HttpHeaders());
    }

    /** A backend answering {@code status} with {@code answer <status>}; one that {@code hangs} answers only when the test ends. */
    private URI serve(int status, boolean hangs) {
        server = new RecordingBackend("products", 0).answer(call ->
                new Answer(status, Map.of(), ("answer " + status).getBytes(StandardCharsets.UTF_8), hangs));
        instance = server.address();
        return instance;
    }

    /** A lease that keeps its first release: later ones are ignored, as {@link InstanceLease} says. */
    private final class RecordingLease implements InstanceLease {
        private final URI address;
        private boolean done;

        RecordingLease(URI address) {
            this.address = address;
        }

        @Override
        public URI address() {
            return address;
        }

        @Override
        public synchronized void release(Outcome outcome) {
            if (!done) {
                done = true;
                outcomes.add(outcome);
            }
        }
    }
}
