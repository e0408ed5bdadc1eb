package dev.fedbff.gateway.persisted;

import dev.fedbff.gateway.core.EventLoopTimer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Persisted queries in Redis, shared by every replica that points at it, under {@code fedbff:apq:<sha256>} for
 * {@code ttl}; a copy in local memory answers repeated lookups without a round trip. Every Redis call waits at most
 * {@code timeout}; while Redis fails, lookups answer from memory (a miss makes the client register again) and one WARN
 * line per {@link #QUIET_PERIOD} says so. The connection is opened at once and, while it cannot be, again on use at
 * most once per {@link #RECONNECT_PAUSE}, so a BFF starts and serves while Redis is down.
 */
final class RedisPersistedQueryStore implements PersistedQueryStore, AutoCloseable {

    static final String KEY_PREFIX = "fedbff:apq:";
    static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    static final Duration QUIET_PERIOD = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(RedisPersistedQueryStore.class);

    private final PersistedQueryStore local;
    private final RedisURI uri;
    private final Duration ttl;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final RedisClient client;
    private final AtomicLong nextWarningNanos = new AtomicLong(Long.MIN_VALUE);
    private volatile @Nullable CompletableFuture<StatefulRedisConnection<String, String>> connection;
    private long lastAttemptNanos;

    RedisPersistedQueryStore(PersistedQueryStore local, RedisURI uri, Duration ttl, Duration timeout, LongSupplier nanoTime) {
        this.local = local;
        this.uri = uri;
        this.ttl = ttl;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .build());
        connected();
    }

    @Override
    public Mono<String> find(String hash) {
        return local.find(hash).switchIfEmpty(Mono.defer(() -> remote(hash)));
    }

    private Mono<String> remote(String hash) {
        return Mono.fromFuture(this::connected, true)
                .flatMap(open -> Mono.fromCompletionStage(open.async().get(KEY_PREFIX + hash)))
                .timeout(timeout, EventLoopTimer.get())
                .transform(EventLoopTimer::backOnLoop)
                .flatMap(query -> local.save(hash, query).thenReturn(query))
                .onErrorResume(error -> {
                    failed(error);
                    return Mono.empty();
                });
    }

    @Override
    public Mono<Void> save(String hash, String query) {
        return local.save(hash, query).then(Mono.fromFuture(this::connected, true)
                .flatMap(open -> Mono.fromCompletionStage(open.async().set(KEY_PREFIX + hash, query, SetArgs.Builder.ex(ttl))))
                .timeout(timeout, EventLoopTimer.get())
                .then()
                .onErrorResume(error -> {
                    failed(error);
                    return Mono.empty();
                }));
    }

    private CompletableFuture<StatefulRedisConnection<String, String>> connected() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
        return current != null && !current.isCompletedExceptionally() ? current : reconnect();
    }

    /** A new attempt when there is no connection yet or the last attempt failed a while ago; else the failed attempt. */
    private synchronized CompletableFuture<StatefulRedisConnection<String, String>> reconnect() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
        boolean retry = current == null
                || current.isCompletedExceptionally() && nanoTime.getAsLong() - lastAttemptNanos >= RECONNECT_PAUSE.toNanos();
        if (!retry) {
            return current;
        }
        lastAttemptNanos = nanoTime.getAsLong();
        CompletableFuture<StatefulRedisConnection<String, String>> attempt = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        connection = attempt;
        return attempt;
    }

    private void failed(Throwable error) {
        long now = nanoTime.getAsLong();
        long next = nextWarningNanos.get();
        if (next != Long.MIN_VALUE && now - next < 0 || !nextWarningNanos.compareAndSet(next, now + QUIET_PERIOD.toNanos())) {
            return;
        }
        log.warn("persisted queries: {} failed ({}); answering from this replica's memory until it is back", describe(uri), reason(error));
    }

    private static String reason(Throwable error) {
        Throwable cause = error.getCause() != null && error.getMessage() == null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** How logs name the store: scheme, host and port, never a password. */
    static String describe(RedisURI uri) {
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public synchronized void close() {
        CompletableFuture<StatefulRedisConnection<String, String>> open = connection;
        if (open != null) {
            open.thenAccept(StatefulRedisConnection::close);
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
