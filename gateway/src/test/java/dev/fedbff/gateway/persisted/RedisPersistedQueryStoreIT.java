package dev.fedbff.gateway.persisted;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Two stores on one real Redis (the embedded binary) are two replicas: what one registers, the other finds. */
class RedisPersistedQueryStoreIT {

    static final String QUERY = "query Profile { me { id } }";
    static final String HASH = OperationBody.sha256(QUERY);

    static RedisServer redis;
    static int port;

    @BeforeAll
    static void start() throws IOException {
        port = freePort();
        redis = new RedisServer(port);
        redis.start();
    }

    @AfterAll
    static void stop() throws IOException {
        redis.stop();
    }

    static PersistedQueryStore store(int redisPort) {
        return PersistedQueryStore.redis("redis://127.0.0.1:" + redisPort, Duration.ofHours(1), Duration.ofSeconds(2), 100);
    }

    @Test
    void whatOneReplicaRegistersTheOtherFinds() throws Exception {
        PersistedQueryStore a = store(port);
        PersistedQueryStore b = store(port);
        try {
            assertThat(b.find(HASH).blockOptional()).isEmpty();

            a.save(HASH, QUERY).block();

            assertThat(b.find(HASH).blockOptional()).contains(QUERY);
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertThat(connection.sync().get("fedbff:apq:" + HASH)).isEqualTo(QUERY);
                assertThat(connection.sync().ttl("fedbff:apq:" + HASH)).as("entries expire").isBetween(3000L, 3600L);
            } finally {
                client.shutdown();
            }
        } finally {
            ((AutoCloseable) a).close();
            ((AutoCloseable) b).close();
        }
    }

    @Test
    void withRedisDownLookupsMissAndRegistrationsStayLocalWithOneWarning() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(RedisPersistedQueryStore.class);
        logger.addAppender(logs);
        PersistedQueryStore down = store(freePort());
        try {
            assertThat(down.find(HASH).blockOptional()).isEmpty();
            down.save(HASH, QUERY).block(Duration.ofSeconds(10));
            assertThat(down.find(HASH).blockOptional()).as("this replica still knows it").contains(QUERY);
            assertThat(down.find("0".repeat(64)).blockOptional()).isEmpty();

            assertThat(logs.list).hasSize(1);
            assertThat(logs.list.get(0).getFormattedMessage()).startsWith("persisted queries: redis://127.0.0.1:")
                    .contains("failed").endsWith("answering from this replica's memory until it is back");
        } finally {
            logger.detachAppender(logs);
            ((AutoCloseable) down).close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
