package dev.fedbff.orders;

class RejectedRequestException extends RuntimeException {

    static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    static final String BAD_USER_INPUT = "BAD_USER_INPUT";

    private final String code;

    RejectedRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
