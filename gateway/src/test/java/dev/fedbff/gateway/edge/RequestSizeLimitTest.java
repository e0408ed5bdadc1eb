package dev.fedbff.gateway.edge;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A /graphql body over the limit is refused with 413 without being read whole; other paths are left alone. */
class RequestSizeLimitTest {

    final RequestSizeLimit limit = new RequestSizeLimit(16);
    final AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
    final WebFilterChain chain = exchange -> {
        passed.set(exchange);
        return Mono.empty();
    };

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/graphql").contentLength(17).body("{\"query\":\"{me{id}}\"}"));

        limit.filter(exchange, chain).block();

        assertThat(passed.get()).isNull();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"").contains("16 bytes");
    }

    @Test
    void aChunkedBodyFailsAsSoonAsItOutgrowsTheLimit() {
        Flux<DataBuffer> chunks = Flux.just("{\"query\":", "\"{ me { id } }\"}").map(RequestSizeLimitTest::buffer);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/graphql").body(chunks));

        limit.filter(exchange, chain).block();

        StepVerifier.create(DataBufferUtils.join(passed.get().getRequest().getBody())).expectError(DataBufferLimitException.class).verify();
    }

    @Test
    void aBodyWithinTheLimitAndOtherPathsPassUntouched() {
        MockServerWebExchange small = MockServerWebExchange.from(MockServerHttpRequest.post("/graphql").body("{\"query\":\"{a}\"}"));
        MockServerWebExchange rest = MockServerWebExchange.from(MockServerHttpRequest.post("/api/payments").contentLength(1000).body("x".repeat(1000)));

        limit.filter(small, chain).block();
        assertThat(DataBufferUtils.join(passed.getAndSet(null).getRequest().getBody()).map(b -> b.toString(StandardCharsets.UTF_8)).block())
                .isEqualTo("{\"query\":\"{a}\"}");
        limit.filter(rest, chain).block();
        assertThat(passed.get()).isSameAs(rest);
    }

    private static DataBuffer buffer(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
