package dev.fedbff.gateway.passthrough;

import org.jspecify.annotations.Nullable;

import java.util.Locale;

/**
 * Refuses request paths that are not in normal form, so that no route can be used to reach a path outside it:
 * dot segments ({@code ..}, {@code .}), their percent-encoded forms, encoded slashes and backslashes, empty segments
 * ({@code //}), double encoding ({@code %25}), path parameters ({@code ;}) and control characters.
 */
final class PathGuard {

    private static final String[] ENCODED_BLOCKLIST = {"%2e", "%2f", "%5c", "%25", "%00", "%3b"};

    private PathGuard() {
    }

    /** Why the raw (still percent-encoded) path is refused, or null when it is in normal form. */
    static @Nullable String rejection(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return "the path must start with '/'";
        }
        if (rawPath.contains("//")) {
            return "the path contains an empty segment (//)";
        }
        if (rawPath.indexOf('\\') >= 0 || rawPath.indexOf(';') >= 0) {
            return "the path contains a backslash or a path parameter (;)";
        }
        for (int i = 0; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) < 0x20 || rawPath.charAt(i) == 0x7f) {
                return "the path contains a control character";
            }
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        for (String encoded : ENCODED_BLOCKLIST) {
            if (lower.contains(encoded)) {
                return "the path contains the encoded character " + encoded.toUpperCase(Locale.ROOT) + ", which could hide a traversal";
            }
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return "the path contains a dot segment (" + segment + ")";
            }
        }
        return null;
    }
}
