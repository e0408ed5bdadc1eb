package dev.fedbff.products;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

record PageWindow(int page, int size) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;

    static PageWindow of(String page, String size) {
        int pageNumber = wholeNumber("page", page, 0);
        if (pageNumber < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be 0 or greater, got " + pageNumber);
        }
        int pageSize = Math.max(1, Math.min(MAX_SIZE, wholeNumber("size", size, DEFAULT_SIZE)));
        return new PageWindow(pageNumber, pageSize);
    }

    private static int wholeNumber(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " must be a whole number, got '" + value + "'");
        }
    }
}
