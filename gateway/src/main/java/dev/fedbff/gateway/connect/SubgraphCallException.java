package dev.fedbff.gateway.connect;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * A backend that did not answer usefully. {@code code} says how, e.g. {@code SERVICE_UNAVAILABLE}, {@code BAD_GATEWAY},
 * {@code GATEWAY_TIMEOUT}, {@code SUBREQUEST_HTTP_ERROR}, {@code SUBREQUEST_MALFORMED_RESPONSE}; GraphQL clients see
 * {@link #fieldCode()}, REST clients {@link #gatewayStatus()} and the code.
 */
public final class SubgraphCallException extends RuntimeException {

    private final String code;
    private final String service;
    private final int status;
    private final @Nullable Duration retryAfter;

    public SubgraphCallException(String service, String code, String message, int status) {
        this(service, code, message, status, null);
    }

    /**
     * @param retryAfter how long to wait before calling again: the backend's {@code Retry-After}, or the time an open
     *                   circuit breaker still rejects calls; null when nothing is known
     */
    public SubgraphCallException(String service, String code, String message, int status, @Nullable Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.service = service;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public String code() {
        return code;
    }

    public String service() {
        return service;
    }

    /** The backend's HTTP status, or 0 when there was no HTTP answer. */
    public int status() {
        return status;
    }

    /** How long the caller should wait before trying again, or null when nothing is known. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /**
     * The code GraphQL clients see at the fields a failed fetch should have filled: a backend that broke off the
     * exchange ({@code BAD_GATEWAY}, a 502 to REST clients as Spring Cloud Gateway answers) is {@code SERVICE_UNAVAILABLE}
     * there, as every backend that gave no answer.
     */
    public String fieldCode() {
        return "BAD_GATEWAY".equals(code) ? "SERVICE_UNAVAILABLE" : code;
    }

    /**
     * The status a gateway answers a REST client with for this failure: 503 when the backend is unavailable (down,
     * breaker open, too many concurrent calls), 504 when it was too slow, else 502.
     */
    public int gatewayStatus() {
        return switch (code) {
            case "SERVICE_UNAVAILABLE" -> 503;
            case "GATEWAY_TIMEOUT" -> 504;
            default -> 502;
        };
    }

    /** True when the failure says the backend is unhealthy (no answer or a 5xx), false when the request was at fault. */
    public boolean backendFault() {
        return status == 0 || status >= 500;
    }
}
