package dev.fedbff.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happens while the shared store fails: the fail mode decides, the counter {@code fedbff.ratelimit.store.errors}
 * (tag {@code mode}) counts every failure, and one WARN line per quiet period says what is going on, without a stack trace.
 */
final class StoreFailures {

    static final String METRIC = "fedbff.ratelimit.store.errors";
    static final Duration QUIET_PERIOD = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(StoreFailures.class);

    private final String store;
    private final RateLimitPolicy.FailMode mode;
    private final @Nullable Counter counter;
    private final TimeMeter clock;
    private final AtomicLong nextReportNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong unreported = new AtomicLong();
    private volatile boolean failing;

    /**
     * @param store  how logs name the store, without credentials, e.g. {@code redis://127.0.0.1:6379}
     * @param meters where the counter goes; null when the application has no meter registry
     */
    StoreFailures(String store, RateLimitPolicy.FailMode mode, @Nullable MeterRegistry meters, TimeMeter clock) {
        this.store = store;
        this.mode = mode;
        this.clock = clock;
        this.counter = meters == null ? null : Counter.builder(METRIC).tag("mode", mode.name().toLowerCase(Locale.ROOT))
                .description("Rate-limit checks the shared store failed to answer; the fail mode decided them").register(meters);
    }

    /** Counts and reports the failure, then decides the request by the fail mode. */
    RateLimitDecision failed(Throwable error, BucketConfiguration configuration, Duration timeout) {
        failing = true;
        if (counter != null) {
            counter.increment();
        }
        report(error, timeout);
        return mode == RateLimitPolicy.FailMode.OPEN ? RateLimitDecision.UNLIMITED : Decisions.unavailable(configuration);
    }

    void succeeded() {
        if (failing) {
            failing = false;
            log.info("Rate-limit store {} answers again; limits are enforced from it", store);
        }
    }

    private void report(Throwable error, Duration timeout) {
        long now = clock.currentTimeNanos();
        long next = nextReportNanos.get();
        if (now < next || !nextReportNanos.compareAndSet(next, now + QUIET_PERIOD.toNanos())) {
            unreported.incrementAndGet();
            return;
        }
        long earlier = unreported.getAndSet(0);
        String consequence = mode == RateLimitPolicy.FailMode.OPEN
                ? "failing open: requests pass without limits" : "failing closed: limited requests are refused with 429";
        log.warn("Rate-limit store {} failed: {}; {} (fedbff.rate-limit.redis.fail-mode={}){}", store, describe(error, timeout), consequence,
                mode.name().toLowerCase(Locale.ROOT), earlier == 0 ? "" : "; " + earlier + " more failures since the last report");
    }

    private static String describe(Throwable error, Duration timeout) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
