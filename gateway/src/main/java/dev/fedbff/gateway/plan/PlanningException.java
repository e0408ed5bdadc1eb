package dev.fedbff.gateway.plan;

/** An operation that cannot be planned; {@code code} is the GraphQL error code the client sees. */
public final class PlanningException extends RuntimeException {

    private final String code;

    public PlanningException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
