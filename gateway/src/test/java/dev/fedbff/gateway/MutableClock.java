package dev.fedbff.gateway;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time that moves only when a test says so, in the three shapes the gateway reads it: a {@link Clock} (deadlines,
 * dates), a Caffeine {@link Ticker} (caches) and a Bucket4j {@link TimeMeter} (rate limits). All three move together.
 */
public final class MutableClock extends Clock implements Ticker, TimeMeter {

    private volatile Instant now;

    public MutableClock() {
        this(Instant.parse("2030-01-01T00:00:00Z"));
    }

    public MutableClock(Instant start) {
        this.now = start;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Nanoseconds since the epoch, as a ticker reads them. */
    @Override
    public long read() {
        Instant at = now;
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    @Override
    public long currentTimeNanos() {
        return read();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
