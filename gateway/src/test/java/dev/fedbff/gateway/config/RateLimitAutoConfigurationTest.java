package dev.fedbff.gateway.config;

import dev.fedbff.gateway.Ports;
import dev.fedbff.gateway.ratelimit.RateLimitGate;
import dev.fedbff.gateway.ratelimit.RateLimitPolicy;
import dev.fedbff.gateway.ratelimit.RateLimiter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code fedbff.rate-limit} turns into: in-memory by default, Redis with a URI, and the user's own beans win. */
class RateLimitAutoConfigurationTest {

    final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RateLimitAutoConfiguration.class))
            .withPropertyValues("fedbff.rate-limit.policies.graphql-query.bands[0].capacity=100",
                    "fedbff.rate-limit.policies.graphql-query.bands[0].period=1m");

    @Test
    void withoutRedisTheLimitsAreInMemory() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RateLimitGate.class);
            assertThat(context.getBean(RateLimiter.class).getClass().getSimpleName()).isEqualTo("LocalRateLimiter");
            assertThat(context.getBean(RateLimitProperties.class).redis().failMode()).isEqualTo(RateLimitPolicy.FailMode.OPEN);
        });
    }

    @Test
    void withARedisUriTheLimitsAreSharedAndTheBffStartsEvenWhileRedisIsDown() throws IOException {
        runner.withPropertyValues("fedbff.rate-limit.redis.uri=redis://127.0.0.1:" + Ports.closed(), "fedbff.rate-limit.redis.fail-mode=closed")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RateLimiter.class).getClass().getSimpleName()).isEqualTo("RedisRateLimiter");
                    assertThat(context.getBean(RateLimitProperties.class).redis().failMode()).isEqualTo(RateLimitPolicy.FailMode.CLOSED);
                });
    }

    @Test
    void anApplicationsOwnGateReplacesOurs() {
        runner.withBean(RateLimitGate.class, () -> RateLimitGate.UNLIMITED).run(context ->
                assertThat(context.getBean(RateLimitGate.class)).isSameAs(RateLimitGate.UNLIMITED));
    }

    @Test
    void aTrustedProxyThatIsNoAddressStopsStartUpNamingTheSetting() {
        runner.withPropertyValues("fedbff.rate-limit.trusted-proxies=10.0.0.0/8,lb.internal").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("fedbff.rate-limit.trusted-proxies").hasMessageContaining("lb.internal"));
    }

    @Test
    void aBandWithoutCapacityStopsStartUp() {
        runner.withPropertyValues("fedbff.rate-limit.policies.default.bands[0].period=1m").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("capacity must be positive"));
    }

    @ParameterizedTest(name = "{0}: {1} queries a minute, {2} mutations")
    @CsvSource({"web-bff, 600, 60", "mobile-bff, 300, 30"})
    void eachBffShipsItsOwnDefaults(String bff, long queriesPerMinute, long mutationsPerMinute) throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load(bff, new FileSystemResource("../" + bff + "/src/main/resources/application.yml"));
        RateLimitProperties properties = new Binder(ConfigurationPropertySources.from(yaml)).bind("fedbff.rate-limit", RateLimitProperties.class).get();

        assertThat(properties.policies()).containsKeys("graphql-query", "graphql-mutation", RateLimitGate.DEFAULT_POLICY);
        assertThat(properties.policies().get("graphql-query").bands().get(0)).isEqualTo(new RateLimitPolicy.Band(queriesPerMinute, Duration.ofMinutes(1)));
        assertThat(properties.policies().get("graphql-mutation").bands().get(0).capacity()).isEqualTo(mutationsPerMinute);
        assertThat(properties.redis().failMode()).isEqualTo(RateLimitPolicy.FailMode.OPEN);
    }
}
