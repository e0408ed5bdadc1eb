package dev.fedbff.users;

import dev.fedbff.kit.graphql.RejectedRequestException;

class InvalidCursorException extends RejectedRequestException {

    InvalidCursorException(String cursor) {
        super(BAD_USER_INPUT, "Invalid cursor: " + cursor);
    }
}
