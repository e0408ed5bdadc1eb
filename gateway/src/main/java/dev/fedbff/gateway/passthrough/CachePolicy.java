package dev.fedbff.gateway.passthrough;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The HTTP caching rules the response cache follows (a subset of RFC 9111 for a shared cache that keys responses to
 * authenticated requests per user): what may be stored and for how long, whether a request accepts a stored
 * answer, {@code Vary} matching and {@code If-None-Match} comparison.
 */
public final class CachePolicy {

    private CachePolicy() {
    }

    /**
     * How long a response may be served from the cache, or zero when it must not be stored. The route's TTL is the
     * upper bound; {@code s-maxage} or {@code max-age} lower it; {@code no-store}, {@code no-cache}, {@code Vary: *},
     * {@code Set-Cookie} and statuses other than 200 forbid storing; {@code private} is stored only per user.
     */
    public static Duration freshness(Duration ttl, int status, HttpHeaders response, boolean perUser) {
        Map<String, String> directives = directives(response.getOrEmpty(HttpHeaders.CACHE_CONTROL));
        if (status != 200 || ttl.isZero() || directives.containsKey("no-store") || directives.containsKey("no-cache")
                || (directives.containsKey("private") && !perUser) || response.containsHeader(HttpHeaders.SET_COOKIE)
                || varyNames(response) == null) {
            return Duration.ZERO;
        }
        OptionalLong maxAge = seconds(directives.get(perUser ? "max-age" : "s-maxage"));
        if (maxAge.isEmpty()) {
            maxAge = seconds(directives.get("max-age"));
        }
        if (maxAge.isPresent() && maxAge.getAsLong() < ttl.toSeconds()) {
            return Duration.ofSeconds(maxAge.getAsLong());
        }
        return ttl;
    }

    /** Whether a stale copy of this response may be served when the backend fails ({@code must-revalidate} says no). */
    public static boolean mayServeStale(HttpHeaders response) {
        Map<String, String> directives = directives(response.getOrEmpty(HttpHeaders.CACHE_CONTROL));
        return !directives.containsKey("must-revalidate") && !directives.containsKey("proxy-revalidate");
    }

    /** False when the request asks for a fresh answer from the backend ({@code no-cache}, {@code max-age=0}, {@code Pragma: no-cache}). */
    public static boolean acceptsStored(HttpHeaders request) {
        Map<String, String> directives = directives(request.getOrEmpty(HttpHeaders.CACHE_CONTROL));
        if (directives.containsKey("no-cache") || directives.containsKey("no-store") || "0".equals(directives.get("max-age"))) {
            return false;
        }
        return !request.getOrEmpty(HttpHeaders.PRAGMA).contains("no-cache");
    }

    /** False when the request says its answer must not be kept ({@code no-store}). */
    public static boolean allowsStore(HttpHeaders request) {
        return !directives(request.getOrEmpty(HttpHeaders.CACHE_CONTROL)).containsKey("no-store");
    }

    /** The request's values of the headers the response varies on (lower-case names); null for {@code Vary: *}. */
    public static @Nullable Map<String, String> varyValues(HttpHeaders response, HttpHeaders request) {
        List<String> names = varyNames(response);
        if (names == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        names.forEach(name -> values.put(name, String.join(",", request.getOrEmpty(name))));
        return values;
    }

    /** Whether a stored response answers this request: the request has the same values for every varied header. */
    public static boolean matches(CachedResponse stored, HttpHeaders request) {
        return stored.varyValues().entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(String.join(",", request.getOrEmpty(entry.getKey()))));
    }

    /** Weak comparison of {@code If-None-Match} against an entity tag (RFC 9110 §13.1.2); {@code *} matches any. */
    public static boolean notModified(@Nullable String ifNoneMatch, @Nullable String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        String opaque = weak(etag);
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(candidate -> candidate.equals("*") || weak(candidate).equals(opaque));
    }

    private static String weak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static @Nullable List<String> varyNames(HttpHeaders response) {
        List<String> names = response.getOrEmpty(HttpHeaders.VARY).stream()
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT)).distinct().toList();
        return names.contains("*") ? null : names;
    }

    private static Map<String, String> directives(List<String> cacheControl) {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String value : cacheControl) {
            for (String directive : value.split(",")) {
                String[] parts = directive.trim().split("=", 2);
                if (!parts[0].isEmpty()) {
                    directives.put(parts[0].toLowerCase(Locale.ROOT), parts.length > 1 ? parts[1].replace("\"", "").trim() : "");
                }
            }
        }
        return directives;
    }

    private static OptionalLong seconds(@Nullable String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return OptionalLong.of(0);
        }
    }
}
