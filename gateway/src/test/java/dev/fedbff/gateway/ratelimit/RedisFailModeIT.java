package dev.fedbff.gateway.ratelimit;

import dev.fedbff.gateway.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.fedbff.gateway.ratelimit.SharedRedisRateLimitIT.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stops under two instances: the one configured {@code fail-mode: open} lets requests through and counts the
 * failures; the one configured {@code fail-mode: closed} refuses them with 429 and a GraphQL error. When Redis is back
 * the closed one enforces limits again without a restart.
 */
class RedisFailModeIT {

    static RedisServer redis;
    static int redisPort;
    static BffInstance open;
    static BffInstance closed;

    @BeforeAll
    static void start() throws IOException {
        redisPort = Ports.closed();
        redis = new RedisServer(redisPort);
        redis.start();
        open = BffInstance.start("bff-open", BffInstance.redisPolicy(redisPort, "open"));
        closed = BffInstance.start("bff-closed", BffInstance.redisPolicy(redisPort, "closed"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (open != null) {
            open.close();
        }
        if (closed != null) {
            closed.close();
        }
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
    }

    @Test
    void withRedisStoppedTheConfiguredFailModeHolds() throws IOException {
        assertThat(header(open.query("dave"), "RateLimit-Remaining")).as("limits come from Redis while it runs").isEqualTo("4");
        assertThat(header(closed.query("dave"), "RateLimit-Remaining")).isEqualTo("3");

        redis.stop();

        for (int i = 0; i < 6; i++) {
            HttpResponse<String> passed = open.query("dave");
            assertThat(passed.statusCode()).as("fail-mode open lets request %d through", i + 1).isEqualTo(200);
            assertThat(header(passed, "RateLimit-Limit")).as("no limit is known, so none is reported").isNull();
        }
        assertThat(open.meters().get(StoreFailures.METRIC).tag("mode", "open").counter().count()).isGreaterThanOrEqualTo(6);

        HttpResponse<String> refused = closed.query("erin");
        assertThat(refused.statusCode()).as("fail-mode closed refuses even a fresh user").isEqualTo(429);
        assertThat(header(refused, "Retry-After")).isEqualTo("1");
        assertThat(header(refused, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(closed.meters().get(StoreFailures.METRIC).tag("mode", "closed").counter().count()).isGreaterThanOrEqualTo(1);

        redis = new RedisServer(redisPort);
        redis.start();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(closed.query("erin").statusCode()).as("limits from Redis again once it is back").isEqualTo(200));
    }
}
