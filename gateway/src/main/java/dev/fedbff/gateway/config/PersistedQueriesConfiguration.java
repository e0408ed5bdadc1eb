package dev.fedbff.gateway.config;

import dev.fedbff.gateway.persisted.OperationManifest;
import dev.fedbff.gateway.persisted.PersistedOperations;
import dev.fedbff.gateway.persisted.PersistedQueryStore;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;

/**
 * Persisted operations from {@code fedbff.persisted-queries}: the APQ store (memory, or Redis shared by every replica),
 * the manifest read at start-up, and the {@link PersistedOperations} the GraphQL route asks. A manifest that cannot be
 * read, or a mode that needs one without it, stops start-up with the setting's name.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersistedQueriesProperties.class)
class PersistedQueriesConfiguration {

    private static final String PREFIX = "fedbff.persisted-queries.";

    @Bean
    PersistedOperations fedbffPersistedOperations(PersistedQueriesProperties properties, ObjectProvider<RateLimitProperties> rateLimit,
                                                  LimitsProperties limits, ResourceLoader resources) {
        PersistedQueryStore store = properties.apq() ? store(properties, rateLimit.getIfAvailable()) : null;
        OperationManifest manifest = manifest(properties.manifest(), resources);
        try {
            return new PersistedOperations(store, manifest, properties.mode(), limits.introspection());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "mode", properties.mode(), e.getMessage());
        }
    }

    private static PersistedQueryStore store(PersistedQueriesProperties properties, @Nullable RateLimitProperties rateLimit) {
        String uri = properties.redis().uri();
        String setting = PREFIX + "redis.uri";
        if (isBlank(uri) && rateLimit != null) {
            uri = rateLimit.redis().uri();
            setting = "fedbff.rate-limit.redis.uri";
        }
        if (isBlank(uri)) {
            return PersistedQueryStore.local(properties.cacheSize());
        }
        try {
            return PersistedQueryStore.redis(uri, properties.redis().ttl(), properties.redis().timeout(), properties.cacheSize());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(setting, uri.replaceAll("//[^@/]*@", "//***@"),
                    "expected redis://host:port, e.g. redis://127.0.0.1:6379 (" + e.getMessage() + ")");
        }
    }

    private static OperationManifest manifest(@Nullable String location, ResourceLoader resources) {
        if (isBlank(location)) {
            return OperationManifest.EMPTY;
        }
        Resource resource = resources.getResource(location);
        try (InputStream in = resource.getInputStream()) {
            return OperationManifest.parse(in.readAllBytes(), location);
        } catch (IOException e) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "manifest", location, "cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "manifest", location, e.getMessage());
        }
    }

    private static boolean isBlank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
