package dev.fedbff.e2e;

import java.time.Duration;

/**
 * What a {@link FaultProxy} does to one call. Immutable; each kind is made by its factory method, and
 * {@link #toString()} names it as a test report should.
 *
 * @param kind     what goes wrong
 * @param duration how late the answer is ({@link Kind#LATENCY}), or how long its body takes ({@link Kind#SLOW_BODY})
 * @param status   the status a {@link Kind#STATUS} fault answers with
 * @param body     the body an {@link Kind#OTHER_BODY} fault answers with
 */
record Fault(Kind kind, Duration duration, int status, String body) {

    /** The ways a call can go wrong between a BFF and a backend. */
    enum Kind {
        /** The call is forwarded and its answer passed back unchanged. */
        NONE,
        /** The backend handles the call at once; its answer is held back for {@code duration}. */
        LATENCY,
        /** The connection is reset (RST) after the request arrived; the backend never sees it. */
        RESET,
        /** The backend handles the call; then the connection is reset instead of answered. */
        RESET_AFTER_BACKEND,
        /** An answer with {@code status} and a small JSON body; the backend never sees the call. */
        STATUS,
        /** The backend's answer declares its full Content-Length, but the connection closes after half its body. */
        TRUNCATED_BODY,
        /** A 200 whose body is an HTML error page, not JSON; the backend never sees the call. */
        NOT_JSON,
        /** The backend's headers at once, then its body trickled out over {@code duration}. */
        SLOW_BODY,
        /** A 200 with {@code body}: well-formed JSON, but not the backend's answer; the backend never sees the call. */
        OTHER_BODY
    }

    static Fault none() {
        return new Fault(Kind.NONE, Duration.ZERO, 0, "");
    }

    static Fault latency(Duration delay) {
        return new Fault(Kind.LATENCY, delay, 0, "");
    }

    static Fault reset() {
        return new Fault(Kind.RESET, Duration.ZERO, 0, "");
    }

    static Fault resetAfterBackend() {
        return new Fault(Kind.RESET_AFTER_BACKEND, Duration.ZERO, 0, "");
    }

    static Fault status(int status) {
        return new Fault(Kind.STATUS, Duration.ZERO, status, "");
    }

    static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, Duration.ZERO, 0, "");
    }

    static Fault notJson() {
        return new Fault(Kind.NOT_JSON, Duration.ZERO, 0, "");
    }

    static Fault slowBody(Duration total) {
        return new Fault(Kind.SLOW_BODY, total, 0, "");
    }

    static Fault otherBody(String json) {
        return new Fault(Kind.OTHER_BODY, Duration.ZERO, 200, json);
    }

    /** True when this fault changes the call's outcome or timing. */
    boolean injects() {
        return kind != Kind.NONE;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "healthy";
            case LATENCY -> "answer " + duration.toMillis() + " ms late";
            case RESET -> "connection reset";
            case RESET_AFTER_BACKEND -> "connection reset after the backend handled the call";
            case STATUS -> "HTTP " + status;
            case TRUNCATED_BODY -> "truncated body";
            case NOT_JSON -> "body not JSON";
            case SLOW_BODY -> "body trickled over " + duration.toMillis() + " ms";
            case OTHER_BODY -> "200 with " + (body.length() > 40 ? body.substring(0, 40) + "..." : body);
        };
    }
}
