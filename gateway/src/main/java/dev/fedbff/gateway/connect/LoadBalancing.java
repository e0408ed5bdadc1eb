package dev.fedbff.gateway.connect;

import java.time.Duration;

/**
 * How calls to one service spread over its instances, and when a failing instance is taken out.
 *
 * @param strategy           how the next instance is picked
 * @param ejectAfterFailures consecutive failed calls (no answer, or a 5xx) that eject an instance; 0 never ejects
 * @param ejectionTime       how long an ejected instance gets no calls; then one probe call at a time is let through,
 *                           and the first that succeeds brings it back
 */
public record LoadBalancing(BalancingStrategy strategy, int ejectAfterFailures, Duration ejectionTime) {

    public static final LoadBalancing DEFAULT = new LoadBalancing(BalancingStrategy.ROUND_ROBIN, 5, Duration.ofSeconds(30));

    public LoadBalancing {
        if (ejectAfterFailures < 0) {
            throw new IllegalArgumentException("eject-after-failures must be 0 (never) or more, was " + ejectAfterFailures);
        }
        if (ejectionTime.isNegative() || ejectionTime.isZero()) {
            throw new IllegalArgumentException("ejection-time must be positive, was " + ejectionTime);
        }
    }
}
