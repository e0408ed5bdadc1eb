package dev.fedbff.gateway.ratelimit;

import dev.fedbff.gateway.core.EventLoopTimer;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.RemoteAsyncBucketBuilder;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Buckets in Redis, shared by every BFF instance that points at it: Bucket4j's compare-and-swap over Lettuce makes
 * each check atomic. Keys are {@code fedbff:rl:<policy>:<caller>} and expire once the bucket would be full again.
 * {@link #connect()} starts opening the connection; when that fails it is tried again on use, at most once per
 * {@link #RECONNECT_PAUSE}, so a BFF starts and serves while Redis is down. Every check waits at most {@code timeout},
 * then the fail mode decides.
 */
final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    static final String KEY_PREFIX = "fedbff:rl:";
    static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final Policies policies;
    private final Duration timeout;
    private final StoreFailures failures;
    private final TimeMeter clock;
    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private @Nullable CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection;
    private volatile @Nullable CompletableFuture<RemoteAsyncBucketBuilder<byte[]>> buckets;
    private long lastAttemptNanos;

    RedisRateLimiter(Policies policies, RedisURI uri, Duration timeout, StoreFailures failures, TimeMeter clock) {
        this.policies = policies;
        this.timeout = timeout;
        this.failures = failures;
        this.clock = clock;
        this.uri = uri;
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS)).build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .build());
    }

    /** How logs name a store: scheme, host and port, never a password. */
    static String describe(RedisURI uri) {
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
    }

    /** Starts opening the connection without waiting for it, so that the first requests need not. */
    void connect() {
        connected();
    }

    @Override
    public Mono<RateLimitDecision> tryConsume(String policy, String key) {
        BucketConfiguration configuration = policies.get(policy);
        if (configuration == null) {
            return Mono.just(RateLimitDecision.UNLIMITED);
        }
        byte[] redisKey = (KEY_PREFIX + policy + ":" + key).getBytes(StandardCharsets.UTF_8);
        return Mono.fromFuture(this::connected, true)
                .flatMap(remote -> Mono.fromFuture(() -> remote.build(redisKey, () -> CompletableFuture.completedFuture(configuration))
                        .asVerbose().tryConsumeAndReturnRemaining(1)))
                .timeout(timeout, EventLoopTimer.get())
                .transform(EventLoopTimer::backOnLoop)
                .map(Decisions::of)
                .doOnNext(decision -> failures.succeeded())
                .onErrorResume(error -> Mono.just(failures.failed(error, configuration, timeout)));
    }

    private CompletableFuture<RemoteAsyncBucketBuilder<byte[]>> connected() {
        CompletableFuture<RemoteAsyncBucketBuilder<byte[]>> current = buckets;
        return current != null && !current.isCompletedExceptionally() ? current : reconnect();
    }

    /** A new connection attempt when there is none yet or the last one failed a while ago; else the failed attempt. */
    private synchronized CompletableFuture<RemoteAsyncBucketBuilder<byte[]>> reconnect() {
        CompletableFuture<RemoteAsyncBucketBuilder<byte[]>> current = buckets;
        boolean retry = current == null
                || current.isCompletedExceptionally() && clock.currentTimeNanos() - lastAttemptNanos >= RECONNECT_PAUSE.toNanos();
        if (!retry) {
            return current;
        }
        lastAttemptNanos = clock.currentTimeNanos();
        connection = client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture();
        buckets = connection.thenApply(this::bucketBuilder);
        return buckets;
    }

    private RemoteAsyncBucketBuilder<byte[]> bucketBuilder(StatefulRedisConnection<byte[], byte[]> open) {
        return Bucket4jLettuce.casBasedBuilder(open)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build().asAsync().builder();
    }

    @Override
    public synchronized void close() {
        CompletableFuture<StatefulRedisConnection<byte[], byte[]>> open = connection;
        if (open != null) {
            open.thenAccept(StatefulRedisConnection::close);
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
