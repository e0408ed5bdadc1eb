package dev.fedbff.gateway.connect;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * A backend answered a streamed call ({@link BackendCaller#stream}) with a 5xx. Raised inside the resilience wrapper
 * so that the breaker counts it; the answer itself, read up to a small limit, is passed to the client unless a stale
 * copy is served.
 */
public final class BackendFailure extends RuntimeException {

    private final int status;
    private final transient HttpHeaders headers;
    private final byte @Nullable [] body;

    /** @param body the answer's body, or null when it was too large to keep */
    BackendFailure(String service, int status, HttpHeaders headers, byte @Nullable [] body) {
        super("service " + service + " answered " + status, null, false, false);
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public byte @Nullable [] body() {
        return body;
    }
}
