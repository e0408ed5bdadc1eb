package dev.fedbff.gateway.ratelimit;

import dev.fedbff.gateway.Ports;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two BFF instances share one real Redis (the embedded binary): a user's requests to either draw from one bucket
 * of 5 per minute, so 3 to each make exactly 5 allowed.
 */
class SharedRedisRateLimitIT {

    static RedisServer redis;
    static int redisPort;
    static BffInstance a;
    static BffInstance b;

    @BeforeAll
    static void start() throws IOException {
        redisPort = Ports.closed();
        redis = new RedisServer(redisPort);
        redis.start();
        a = BffInstance.start("bff-a", BffInstance.redisPolicy(redisPort, "open"));
        b = BffInstance.start("bff-b", BffInstance.redisPolicy(redisPort, "open"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void twoInstancesEnforceOneCombinedLimit() {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            responses.add(a.query("alice"));
            responses.add(b.query("alice"));
        }

        assertThat(responses.subList(0, 5)).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(responses.subList(0, 5)).extracting(r -> header(r, "RateLimit-Remaining"))
                .as("one bucket counts down across both instances").containsExactly("4", "3", "2", "1", "0");
        assertThat(responses.subList(0, 5)).extracting(r -> header(r, "RateLimit-Limit")).containsOnly("5");

        HttpResponse<String> sixth = responses.get(5);
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(header(sixth, "RateLimit-Limit")).isEqualTo("5");
        assertThat(header(sixth, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(sixth, "RateLimit-Reset")).isNotBlank();
        assertThat(Long.parseLong(header(sixth, "Retry-After"))).isBetween(1L, 12L);
        assertThat(sixth.body()).contains("\"errors\"").contains("\"code\":\"RATE_LIMITED\"").doesNotContain("\"data\"");

        HttpResponse<String> bobOnA = a.query("bob");
        HttpResponse<String> bobOnB = b.query("bob");
        assertThat(bobOnA.statusCode()).as("another user is unaffected").isEqualTo(200);
        assertThat(header(bobOnA, "RateLimit-Remaining")).isEqualTo("4");
        assertThat(bobOnB.statusCode()).isEqualTo(200);
        assertThat(header(bobOnB, "RateLimit-Remaining")).isEqualTo("3");
    }

    @Test
    void theBucketsLiveInRedisUnderTheGatewaysPrefix() {
        a.query("carol");

        RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys("fedbff:rl:*");
            assertThat(keys).contains("fedbff:rl:graphql-query:user:carol");
            assertThat(connection.sync().ttl("fedbff:rl:graphql-query:user:carol")).as("keys expire once the bucket is full again").isPositive();
        } finally {
            client.shutdown();
        }
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
