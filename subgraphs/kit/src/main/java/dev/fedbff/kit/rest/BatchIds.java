package dev.fedbff.kit.rest;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A comma-separated id list from a batch query parameter: trimmed, blanks dropped, first occurrence kept, at most {@link #MAX}. */
public final class BatchIds {

    public static final int MAX = 500;

    private BatchIds() {
    }

    /** @throws ResponseStatusException 400 when the parameter {@code name} lists more than {@link #MAX} ids */
    public static List<String> distinct(String name, String commaSeparated) {
        List<String> ids = Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .toList();
        if (ids.size() > MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    name + " may list at most " + MAX + " ids, got " + ids.size());
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
