package dev.fedbff.users;

class InvalidCursorException extends RuntimeException {

    InvalidCursorException(String cursor) {
        super("Invalid cursor: " + cursor);
    }
}
