package dev.fedbff.users;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

final class Cursor {

    private static final String PREFIX = "user:";

    private Cursor() {
    }

    static String of(String userId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + userId).getBytes(StandardCharsets.UTF_8));
    }

    /** The numeric user id the cursor points at; 0 for no cursor. */
    static int idOf(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(PREFIX)) {
                throw new InvalidCursorException(cursor);
            }
            return Integer.parseInt(decoded.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException(cursor);
        }
    }
}
