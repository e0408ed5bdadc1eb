/**
 * REST passthrough: {@code /api/**} routes from configuration, proxied to a backend with the same edge, locator and
 * resilience pieces as {@code /graphql}, bodies streamed both ways, and a response cache for GETs.
 *
 * <p>{@link dev.fedbff.gateway.passthrough.ResponseCache} knows nothing of WebFlux: it stores status, headers and a
 * small body under a {@link dev.fedbff.gateway.passthrough.CacheKey} and applies
 * {@link dev.fedbff.gateway.passthrough.CachePolicy} (TTL, Cache-Control, Vary, stale-if-error), so the REST
 * connector inside GraphQL can reuse it with its own key namespace.
 */
@NullMarked
package dev.fedbff.gateway.passthrough;

import org.jspecify.annotations.NullMarked;
