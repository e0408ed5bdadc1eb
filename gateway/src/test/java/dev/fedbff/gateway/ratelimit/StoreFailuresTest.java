package dev.fedbff.gateway.ratelimit;

import dev.fedbff.gateway.MutableClock;
import dev.fedbff.gateway.Ports;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static dev.fedbff.gateway.ratelimit.LocalRateLimiterTest.band;
import static dev.fedbff.gateway.ratelimit.LocalRateLimiterTest.policy;
import static org.assertj.core.api.Assertions.assertThat;

/** Redis that does not answer (nothing listens on its port): the fail mode decides, counted, with one WARN line per period. */
class StoreFailuresTest {

    final MutableClock clock = new MutableClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(StoreFailures.class);
    final Policies policies = Policies.of(Map.of("graphql-query", policy(band(100, Duration.ofMinutes(1)), band(2000, Duration.ofHours(1)))));
    RedisRateLimiter limiter;

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void close() {
        logger.detachAppender(logs);
        if (limiter != null) {
            limiter.close();
        }
    }

    @Test
    void failingOpenLetsRequestsThroughWithoutHeadersAndCountsThem() throws IOException {
        limiter = limiter(RateLimitPolicy.FailMode.OPEN);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryConsume("graphql-query", "user:a").block()).isEqualTo(RateLimitDecision.UNLIMITED);
        }

        assertThat(meters.get(StoreFailures.METRIC).tag("mode", "open").counter().count()).isEqualTo(3);
    }

    @Test
    void failingClosedRefusesWithTheSmallestBandAndRetryInASecond() throws IOException {
        limiter = limiter(RateLimitPolicy.FailMode.CLOSED);

        RateLimitDecision decision = limiter.tryConsume("graphql-query", "user:a").block();

        assertThat(decision).isEqualTo(new RateLimitDecision(false, 100, 0, 1, 1));
        assertThat(meters.get(StoreFailures.METRIC).tag("mode", "closed").counter().count()).isEqualTo(1);
    }

    @Test
    void anUnknownPolicyNeedsNoStore() throws IOException {
        limiter = limiter(RateLimitPolicy.FailMode.CLOSED);

        assertThat(limiter.tryConsume("graphql-subscription", "user:a").block()).isEqualTo(RateLimitDecision.UNLIMITED);
        assertThat(meters.get(StoreFailures.METRIC).counter().count()).isZero();
    }

    @Test
    void manyFailuresMakeOneWarningLinePerQuietPeriodWithoutStackTrace() throws IOException {
        limiter = limiter(RateLimitPolicy.FailMode.OPEN);

        for (int i = 0; i < 5; i++) {
            limiter.tryConsume("graphql-query", "user:a").block();
        }
        clock.advance(StoreFailures.QUIET_PERIOD);
        limiter.tryConsume("graphql-query", "user:a").block();

        assertThat(logs.list).hasSize(2).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getThrowableProxy()).isNull();
            assertThat(event.getFormattedMessage()).startsWith("Rate-limit store redis://127.0.0.1:").contains("failing open");
        });
        assertThat(logs.list.get(1).getFormattedMessage()).endsWith("4 more failures since the last report");
    }

    private RedisRateLimiter limiter(RateLimitPolicy.FailMode mode) throws IOException {
        RedisURI uri = RedisURI.create("redis://127.0.0.1:" + Ports.closed());
        StoreFailures failures = new StoreFailures(RedisRateLimiter.describe(uri), mode, meters, clock);
        return new RedisRateLimiter(policies, uri, Duration.ofMillis(200), failures, clock);
    }
}
