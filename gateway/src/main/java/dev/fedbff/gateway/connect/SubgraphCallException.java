package dev.fedbff.gateway.connect;

/**
 * A backend that did not answer usefully. {@code code} is the GraphQL error code the client sees, e.g.
 * {@code SERVICE_UNAVAILABLE}, {@code GATEWAY_TIMEOUT}, {@code SUBREQUEST_HTTP_ERROR}, {@code SUBREQUEST_MALFORMED_RESPONSE}.
 */
public final class SubgraphCallException extends RuntimeException {

    private final String code;
    private final String service;
    private final int status;

    public SubgraphCallException(String service, String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.service = service;
        this.status = status;
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
}
