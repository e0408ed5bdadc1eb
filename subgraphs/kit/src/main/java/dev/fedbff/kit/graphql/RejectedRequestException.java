package dev.fedbff.kit.graphql;

/**
 * A request the client got wrong. {@link ClientErrorResolver} turns it into a GraphQL error whose
 * {@code extensions.code} is {@link #code()}.
 */
public class RejectedRequestException extends RuntimeException {

    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String BAD_USER_INPUT = "BAD_USER_INPUT";

    private final String code;

    public RejectedRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
