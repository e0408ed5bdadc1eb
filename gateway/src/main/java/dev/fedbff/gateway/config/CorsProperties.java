package dev.fedbff.gateway.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cross-origin requests from browsers under {@code fedbff.cors}; without {@code allowed-origins} there are none (a
 * browser may only call the BFF from its own origin). A preflight is answered before authentication, so it needs no
 * token; one from an origin not listed gets 403.
 *
 * @param allowedOrigins   origins such as {@code https://shop.example.com} or {@code http://localhost:3000}, exactly
 *                         ({@code scheme://host[:port]}); {@code *} allows every origin, but never with credentials
 * @param allowCredentials whether the listed origins may send cookies and HTTP authentication; refused with {@code *}
 * @param allowedHeaders   request headers a page may send
 * @param exposedHeaders   response headers a page may read, beyond the CORS-safelisted ones
 * @param allowedMethods   methods a page may use
 * @param maxAge           how long a browser may reuse a preflight's answer
 * @param paths            the paths that answer cross-origin requests
 */
@ConfigurationProperties("fedbff.cors")
public record CorsProperties(@Nullable List<String> allowedOrigins, boolean allowCredentials,
                             @DefaultValue({"Authorization", "Content-Type", "Accept", "Idempotency-Key", "Apollo-Require-Preflight",
                                     "apollographql-client-name", "apollographql-client-version"}) List<String> allowedHeaders,
                             @DefaultValue({"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After", "X-Cache"})
                             List<String> exposedHeaders,
                             @DefaultValue({"GET", "HEAD", "POST"}) List<String> allowedMethods,
                             @DefaultValue("30m") Duration maxAge,
                             @DefaultValue({"/graphql", "/api/**"}) List<String> paths) {

    private static final String ANY = "*";

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream().filter(origin -> !origin.isBlank()).toList();
        allowedHeaders = List.copyOf(allowedHeaders);
        exposedHeaders = List.copyOf(exposedHeaders);
        allowedMethods = List.copyOf(allowedMethods);
        paths = List.copyOf(paths);
        for (String origin : allowedOrigins) {
            checkOrigin(origin);
        }
        if (allowCredentials && allowedOrigins.contains(ANY)) {
            throw new InvalidConfigurationPropertyValueException("fedbff.cors.allow-credentials", true,
                    "credentials cannot be allowed for every origin (allowed-origins: \"*\"); list the origins instead");
        }
    }

    /** The CORS rules for {@link #paths}; empty when no origin is allowed. */
    public Optional<UrlBasedCorsConfigurationSource> source() {
        if (allowedOrigins.isEmpty()) {
            return Optional.empty();
        }
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(allowedOrigins);
        configuration.setAllowCredentials(allowCredentials);
        configuration.setAllowedHeaders(allowedHeaders);
        configuration.setExposedHeaders(exposedHeaders);
        configuration.setAllowedMethods(allowedMethods);
        configuration.setMaxAge(maxAge);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        paths.forEach(path -> source.registerCorsConfiguration(path, configuration));
        return Optional.of(source);
    }

    private static void checkOrigin(String origin) {
        if (origin.equals(ANY)) {
            return;
        }
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && bare && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidConfigurationPropertyValueException("fedbff.cors.allowed-origins", origin,
                "an origin is scheme://host[:port] with no path, e.g. https://shop.example.com, or * for every origin");
    }
}
