package dev.fedbff.gateway.auth;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever route a request takes next, it no longer carries identity headers the client made up. */
class IdentityHeaderFilterTest {

    final IdentityHeaderFilter filter = new IdentityHeaderFilter(List.of("X-User-Id", "X-User-Roles"));

    @Test
    void clientSentIdentityHeadersAreRemovedInAnyCase() {
        HttpHeaders seen = pass(MockServerHttpRequest.get("/api/users/42")
                .header("x-user-id", "1").header("X-USER-ROLES", "admin").header("Accept", "application/json"));

        assertThat(seen.containsHeader("X-User-Id")).isFalse();
        assertThat(seen.containsHeader("X-User-Roles")).isFalse();
        assertThat(seen.getFirst("Accept")).isEqualTo("application/json");
    }

    @Test
    void otherRequestsPassUntouched() {
        HttpHeaders seen = pass(MockServerHttpRequest.get("/graphql").header("Authorization", "Bearer t"));

        assertThat(seen.getFirst("Authorization")).isEqualTo("Bearer t");
    }

    private HttpHeaders pass(MockServerHttpRequest.BaseBuilder<?> request) {
        AtomicReference<HttpHeaders> seen = new AtomicReference<>();
        filter.filter(MockServerWebExchange.from(request), exchange -> {
            seen.set(exchange.getRequest().getHeaders());
            return reactor.core.publisher.Mono.empty();
        }).block();
        return seen.get();
    }
}
