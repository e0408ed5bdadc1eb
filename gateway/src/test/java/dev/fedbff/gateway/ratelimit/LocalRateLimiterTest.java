package dev.fedbff.gateway.ratelimit;

import dev.fedbff.gateway.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Band arithmetic on a clock the test moves: every band must have a token, the tightest one is reported. */
class LocalRateLimiterTest {

    final MutableClock clock = new MutableClock();
    final RateLimiter limiter = new LocalRateLimiter(Policies.of(Map.of(
            "burst", policy(band(3, Duration.ofMinutes(1)), band(5, Duration.ofHours(1))),
            "single", policy(band(2, Duration.ofSeconds(10))))), clock);

    @Test
    void aFreshCallerSeesTheShortBandCountDown() {
        assertThat(consume("burst", "user:a")).isEqualTo(new RateLimitDecision(true, 3, 2, 20, 0));
        assertThat(consume("burst", "user:a")).isEqualTo(new RateLimitDecision(true, 3, 1, 40, 0));
        assertThat(consume("burst", "user:a")).isEqualTo(new RateLimitDecision(true, 3, 0, 60, 0));
    }

    @Test
    void theFourthRequestOfAMinuteIsRefusedUntilOneTokenIsBack() {
        consumeTimes("burst", "user:a", 3);

        RateLimitDecision refused = consume("burst", "user:a");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
        clock.advance(Duration.ofSeconds(19));
        assertThat(consume("burst", "user:a").allowed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(consume("burst", "user:a").allowed()).isTrue();
    }

    @Test
    void aMinuteLaterTheMinuteBandIsFullAndTheHourBandIsTheTightest() {
        consumeTimes("burst", "user:a", 3);
        clock.advance(Duration.ofMinutes(1));

        RateLimitDecision fourth = consume("burst", "user:a");
        RateLimitDecision fifth = consume("burst", "user:a");
        RateLimitDecision sixth = consume("burst", "user:a");

        assertThat(fourth).as("5/hour: 1 left, each missing token back after 12 minutes").isEqualTo(new RateLimitDecision(true, 5, 1, 4 * 720, 0));
        assertThat(fifth).isEqualTo(new RateLimitDecision(true, 5, 0, 5 * 720, 0));
        assertThat(sixth.allowed()).as("the minute band still has a token, the hour band has none").isFalse();
        assertThat(sixth.limit()).isEqualTo(5);
        assertThat(sixth.retryAfterSeconds()).as("12 minutes per token, one of them already gone").isEqualTo(Duration.ofMinutes(11).toSeconds());
    }

    @Test
    void callersAndPoliciesHaveTheirOwnBuckets() {
        consumeTimes("burst", "user:a", 3);

        assertThat(consume("burst", "user:a").allowed()).isFalse();
        assertThat(consume("burst", "user:b").allowed()).isTrue();
        assertThat(consume("single", "user:a")).isEqualTo(new RateLimitDecision(true, 2, 1, 5, 0));
    }

    @Test
    void anUnknownPolicyIsUnlimitedAndHasNoHeaders() {
        assertThat(consume("graphql-subscription", "user:a")).isEqualTo(RateLimitDecision.UNLIMITED);
        assertThat(RateLimitDecision.UNLIMITED.limited()).isFalse();
    }

    private void consumeTimes(String policy, String key, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(consume(policy, key).allowed()).isTrue();
        }
    }

    private RateLimitDecision consume(String policy, String key) {
        return limiter.tryConsume(policy, key).block();
    }

    static RateLimitPolicy policy(RateLimitPolicy.Band... bands) {
        return new RateLimitPolicy(List.of(bands));
    }

    static RateLimitPolicy.Band band(long capacity, Duration period) {
        return new RateLimitPolicy.Band(capacity, period);
    }
}
