package dev.fedbff.gateway.core;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time budget of one client request ({@code fedbff.resilience.request-timeout}): every backend call it makes
 * gets at most the budget that is left, and no call starts once it has run out. Read from an injected {@link Clock}.
 *
 * <p>It travels in the {@link RequestContext}, with each fetch, and to the resilience wrapped around a call in
 * the Reactor context ({@link #bind(Mono)}, {@link #of(ContextView)}), so REST passthrough can give its calls one too.
 */
public final class Deadline {

    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);
    private static final Deadline NONE = new Deadline(Clock.systemUTC(), Instant.MAX, FOREVER);

    private final Clock clock;
    private final Instant expiry;
    private final Duration budget;

    private Deadline(Clock clock, Instant expiry, Duration budget) {
        this.clock = clock;
        this.expiry = expiry;
        this.budget = budget;
    }

    /** No budget: calls are limited by their own timeouts only. */
    public static Deadline none() {
        return NONE;
    }

    /** A budget that starts now. */
    public static Deadline after(Duration budget, Clock clock) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("a request's time budget must be positive, was " + budget);
        }
        return new Deadline(clock, clock.instant().plus(budget), budget);
    }

    /** The deadline a call runs under: the one bound by {@link #bind(Mono)}, or {@link #none()}. */
    public static Deadline of(ContextView context) {
        return context.getOrDefault(Deadline.class, NONE);
    }

    /** Makes this the deadline of {@code call} and of everything it calls. */
    public <T> Mono<T> bind(Mono<T> call) {
        return this == NONE ? call : call.contextWrite(context -> context.put(Deadline.class, this));
    }

    public boolean limited() {
        return this != NONE;
    }

    /** The whole budget the request started with. */
    public Duration budget() {
        return budget;
    }

    /** What is left of the budget; zero once it has run out. */
    public Duration remaining() {
        if (this == NONE) {
            return FOREVER;
        }
        Duration left = Duration.between(clock.instant(), expiry);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean expired() {
        return remaining().isZero();
    }

    /** The shorter of {@code timeout} and what is left. */
    public Duration cap(Duration timeout) {
        Duration left = remaining();
        return left.compareTo(timeout) < 0 ? left : timeout;
    }

    @Override
    public String toString() {
        return this == NONE ? "Deadline[none]" : "Deadline[budget=" + budget.toMillis() + "ms, remaining=" + remaining().toMillis() + "ms]";
    }
}
