package dev.fedbff.gateway.connect;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

import java.time.Clock;
import java.time.Duration;

/** A backend's whole answer: status, headers and body. */
public final class BackendReply {

    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;
    private final @Nullable Duration retryAfter;

    BackendReply(int status, HttpHeaders headers, byte[] body, Clock clock) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.retryAfter = RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), clock);
    }

    public int status() {
        return status;
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    /** The backend's {@code Retry-After}, or null when it sent none. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
