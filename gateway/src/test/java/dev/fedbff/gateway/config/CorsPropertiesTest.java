package dev.fedbff.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fedbff.cors} refuses what would let every site send a user's credentials, and origins that cannot match. */
class CorsPropertiesTest {

    static CorsProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("fedbff.cors", CorsProperties.class);
    }

    @Test
    void everyOriginWithCredentialsStopsStartUp() {
        assertThatThrownBy(() -> bind(Map.of("fedbff.cors.allowed-origins", "*", "fedbff.cors.allow-credentials", "true")))
                .isInstanceOf(BindException.class).rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("fedbff.cors.allow-credentials")
                .hasMessageContaining("credentials cannot be allowed for every origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop.example.com", "https://shop.example.com/", "https://shop.example.com/app", "ftp://shop.example.com",
            "https://user@shop.example.com", "https://*.example.com"})
    void anOriginIsSchemeHostAndPort(String origin) {
        assertThatThrownBy(() -> bind(Map.of("fedbff.cors.allowed-origins", origin)))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("an origin is scheme://host[:port] with no path");
    }

    @Test
    void noOriginMeansNoCors() {
        assertThat(bind(Map.of()).source()).isEmpty();
        assertThat(bind(Map.of("fedbff.cors.allowed-origins", "")).source()).isEmpty();
        assertThat(bind(Map.of("fedbff.cors.allowed-origins", "http://localhost:3000")).source()).isPresent();
    }
}
