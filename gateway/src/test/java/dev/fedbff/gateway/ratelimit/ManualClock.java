package dev.fedbff.gateway.ratelimit;

import io.github.bucket4j.TimeMeter;

import java.time.Duration;

/** A clock that moves only when a test says so. */
final class ManualClock implements TimeMeter {

    private long nanos = Duration.ofDays(1).toNanos();

    @Override
    public long currentTimeNanos() {
        return nanos;
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }

    void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
