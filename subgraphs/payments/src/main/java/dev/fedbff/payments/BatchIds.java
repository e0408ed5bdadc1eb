package dev.fedbff.payments;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

final class BatchIds {

    static final int MAX = 500;

    private BatchIds() {
    }

    static List<String> distinct(String name, String commaSeparated) {
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
