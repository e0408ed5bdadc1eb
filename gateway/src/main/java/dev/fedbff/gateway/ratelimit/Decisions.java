package dev.fedbff.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Turns what Bucket4j answers into what the RateLimit headers report: the tightest band, in whole seconds. */
final class Decisions {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private Decisions() {
    }

    static RateLimitDecision of(VerboseResult<ConsumptionProbe> result) {
        ConsumptionProbe probe = result.getValue();
        Bandwidth[] bands = result.getConfiguration().getBandwidths();
        long[] available = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        int tightest = tightest(bands, available);
        Bandwidth band = bands[tightest];
        long remaining = Math.max(0, available[tightest]);
        long reset = seconds(nanosUntilFull(band, remaining));
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        return new RateLimitDecision(probe.isConsumed(), band.getCapacity(), remaining, reset, retryAfter);
    }

    /** The refusal when the store cannot be asked: the smallest band, empty, worth retrying in a second. */
    static RateLimitDecision unavailable(BucketConfiguration configuration) {
        long limit = Arrays.stream(configuration.getBandwidths()).mapToLong(Bandwidth::getCapacity).min().orElse(0);
        return new RateLimitDecision(false, limit, 0, 1, 1);
    }

    /** The band with the fewest tokens left; on a tie, the smaller one. */
    private static int tightest(Bandwidth[] bands, long[] available) {
        int tightest = 0;
        for (int i = 1; i < bands.length; i++) {
            boolean fewer = available[i] < available[tightest];
            boolean tieButSmaller = available[i] == available[tightest] && bands[i].getCapacity() < bands[tightest].getCapacity();
            if (fewer || tieButSmaller) {
                tightest = i;
            }
        }
        return tightest;
    }

    /** Greedy refill: each missing token comes back after period / refillTokens. */
    private static long nanosUntilFull(Bandwidth band, long remaining) {
        long missing = band.getCapacity() - remaining;
        return (long) Math.ceil((double) missing * band.getRefillPeriodNanos() / band.getRefillTokens());
    }

    private static long seconds(long nanos) {
        return (nanos + SECOND - 1) / SECOND;
    }
}
