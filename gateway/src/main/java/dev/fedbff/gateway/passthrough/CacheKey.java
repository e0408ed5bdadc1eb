package dev.fedbff.gateway.passthrough;

/**
 * What a cached response is filed under.
 *
 * @param namespace who stores it: a passthrough route's id, or a connector's name when the REST connector reuses the cache
 * @param target    the backend path and query the response answers, e.g. {@code /users/42?fields=name}
 * @param user      the verified subject the response was made for; empty for anonymous callers. Responses to an
 *                  authenticated request are never shared between users.
 */
public record CacheKey(String namespace, String target, String user) {
}
