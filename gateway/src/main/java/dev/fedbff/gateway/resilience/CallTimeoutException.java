package dev.fedbff.gateway.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** One attempt ran out of time: its backend's timeout, or what was left of the request's budget if that was less. */
final class CallTimeoutException extends TimeoutException {

    private final Duration limit;
    private final boolean budget;

    CallTimeoutException(Duration limit, boolean budget) {
        super("no answer within " + limit.toMillis() + " ms");
        this.limit = limit;
        this.budget = budget;
    }

    Duration limit() {
        return limit;
    }

    /** True when the request's budget, not the backend's own timeout, set the limit. */
    boolean budget() {
        return budget;
    }
}
