package dev.fedbff.gateway.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** The IETF RateLimit headers every limited response carries, and Retry-After on refusals. */
class RateLimitDecisionTest {

    @Test
    void anAllowedRequestCarriesTheThreeRateLimitHeaders() {
        HttpHeaders headers = write(new RateLimitDecision(true, 100, 42, 35, 0));

        assertThat(headers.toSingleValueMap()).containsOnlyKeys("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")
                .containsEntry("RateLimit-Limit", "100").containsEntry("RateLimit-Remaining", "42").containsEntry("RateLimit-Reset", "35");
    }

    @Test
    void aRefusedRequestAlsoSaysWhenToRetry() {
        HttpHeaders headers = write(new RateLimitDecision(false, 100, 0, 60, 12));

        assertThat(headers.getFirst("Retry-After")).isEqualTo("12");
        assertThat(headers.getFirst("RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void anUnlimitedRequestCarriesNoHeaders() {
        assertThat(write(RateLimitDecision.UNLIMITED).isEmpty()).isTrue();
    }

    private static HttpHeaders write(RateLimitDecision decision) {
        HttpHeaders headers = new HttpHeaders();
        decision.writeHeaders(headers);
        return headers;
    }
}
