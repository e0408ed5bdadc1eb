package dev.fedbff.gateway.passthrough;

import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses request paths that are not in normal form, so that no route can be used to reach a path outside it:
 * dot segments ({@code ..}, {@code .}), their percent-encoded forms, encoded slashes and backslashes, empty segments
 * ({@code //}), double encoding ({@code %25}), path parameters ({@code ;}), control characters, and escapes that are not
 * UTF-8 (the overlong {@code %C0%AE} is a dot to a lenient decoder).
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
            if (rawPath.charAt(i) > 0x7f) {
                return "the path contains a character that is not percent-encoded";
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
        if (!decodesToUtf8(rawPath)) {
            return "the path's percent-encoded bytes are not valid UTF-8 (such as the overlong %C0%AE for a dot)";
        }
        return null;
    }

    /** Whether the percent-escapes decode to well-formed UTF-8: overlong forms of '.' and '/' do not. */
    private static boolean decodesToUtf8(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(rawPath.charAt(i + 2), 16);
            if (low < 0) {
                return false;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
