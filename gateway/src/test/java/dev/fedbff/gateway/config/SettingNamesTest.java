package dev.fedbff.gateway.config;

import dev.fedbff.gateway.InProcessBff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which {@code fedbff.*} names a BFF accepts, and the report a typo gets at start-up. */
@ExtendWith(OutputCaptureExtension.class)
class SettingNamesTest {

    static final SettingNames NAMES = SettingNames.fromClassPath(SettingNamesTest.class.getClassLoader());

    @ParameterizedTest
    @ValueSource(strings = {
            "fedbff.schema.location", "fedbff.cacheSize", "fedbff.cache_size", "fedbff.auth.public-paths[0]",
            "fedbff.services.users", "fedbff.services.products[1].uri", "fedbff.services.products[1].weight",
            "fedbff.resilience.services.payments.timeout", "fedbff.resilience.services.payments.retry.max-attempts",
            "fedbff.resilience.configs.slow-backends.slow-call-duration", "fedbff.load-balancing.services.users.strategy",
            "fedbff.routes[0].path", "fedbff.routes[3].rate-limit-policy", "fedbff.rate-limit.policies.graphql-query.bands[1].period",
            "fedbff.connector-cache.ttl.products", "fedbff.limits.max-depth", "fedbff.rate-limit.redis.uri",
            "server.port", "spring.application.name", "fedbffx.anything"})
    void acceptsEverySettingTheBffBinds(String name) {
        assertThat(NAMES.check(name)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "fedbff.resilence.timeout, fedbff.resilience.timeout",
            "fedbff.cache-sise, fedbff.cache-size",
            "fedbff.schema.locaton, fedbff.schema.location",
            "fedbff.resilience.services.payments.timout, fedbff.resilience.services.payments.timeout",
            "fedbff.routes[0].pth, fedbff.routes[0].path",
            "fedbff.rate-limit.policies.graphql-query.bands[0].capacty, fedbff.rate-limit.policies.graphql-query.bands[0].capacity",
            "fedbff.limits.max-depth.hard, fedbff.limits.max-depth",
            "fedbff.routes.path, fedbff.routes[0]"})
    void namesTheNearestValidSettingForAnUnknownOne(String unknown, String nearest) {
        assertThat(NAMES.check(unknown)).hasValueSatisfying(found -> assertThat(found.nearest()).isEqualTo(nearest));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FEDBFF_AUTH_HS256_SECRET", "FEDBFF_SERVICES_USERS", "FEDBFF_RATE_LIMIT_REDIS_URI",
            "FEDBFF_RESILIENCE_SERVICES_PAYMENTS_TIMEOUT", "FEDBFF_ROUTES_0_PATH", "JAVA_HOME", "FEDBFFISH"})
    void acceptsEnvironmentVariablesThatSpellASetting(String variable) {
        assertThat(NAMES.checkVariable(variable)).isEmpty();
    }

    @Test
    void namesTheVariableOfTheNearestSettingForAnUnknownVariable() {
        assertThat(NAMES.checkVariable("FEDBFF_AUTH_HS256_SECRT"))
                .hasValueSatisfying(found -> assertThat(found.nearest()).isEqualTo("FEDBFF_AUTH_HS256_SECRET"));
    }

    @Test
    void anUnknownSettingStopsStartUpWithItsNameAndTheNearestValidOne(CapturedOutput output) {
        InProcessBff.Builder bff = InProcessBff.with().setting("fedbff.resilence.timeout", "2s");

        assertThatThrownBy(bff::start).isInstanceOf(UnknownSettingException.class);
        assertThat(output).contains("APPLICATION FAILED TO START", "Unknown fedbff settings:",
                "fedbff.resilence.timeout (", "did you mean fedbff.resilience.timeout?");
    }
}
