package dev.fedbff.gateway.config;

import dev.fedbff.gateway.MutableClock;
import dev.fedbff.gateway.connect.ServiceLocator;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fedbff.services}, {@code fedbff.load-balancing} and {@code fedbff.resilience} as a BFF's YAML writes them. */
class ServiceSettingsBindingTest {

    @Test
    void aServiceIsOneAddressAListOrAListWithWeights() {
        GatewayProperties properties = ResilienceFixture.bind(
                "fedbff.services.users", "http://localhost:4001",
                "fedbff.services.orders", "http://10.0.0.1:4002, http://10.0.0.2:4002",
                "fedbff.services.products[0]", "http://10.0.0.1:4003",
                "fedbff.services.products[1].uri", "http://10.0.0.2:4003",
                "fedbff.services.products[1].weight", "3");

        Map<String, List<ServiceInstance>> instances = DiscoverySettings.instances(properties.services());

        assertThat(describe(instances.get("users"))).containsExactly("http://localhost:4001 weight=1");
        assertThat(describe(instances.get("orders"))).containsExactly("http://10.0.0.1:4002 weight=1", "http://10.0.0.2:4002 weight=1");
        assertThat(describe(instances.get("products"))).containsExactly("http://10.0.0.1:4003 weight=1", "http://10.0.0.2:4003 weight=3");
    }

    @Test
    void anEnvironmentVariableGivesAServiceItsAddressAsDockerComposeSetsIt() {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.<String, Object>of("FEDBFF_SERVICES_USERS", "http://users:4001", "FEDBFF_FORWARD_AUTHORIZATION", "orders,users"));
        GatewayProperties properties = new Binder(ConfigurationPropertySources.from(environment))
                .bindOrCreate("fedbff", GatewayProperties.class);

        assertThat(describe(DiscoverySettings.instances(properties.services()).get("users"))).containsExactly("http://users:4001 weight=1");
        assertThat(properties.forwardAuthorization()).containsExactly("orders", "users");
    }

    @Test
    void aServicesOwnStrategyWinsOverTheDefault() {
        GatewayProperties properties = ResilienceFixture.bind(
                "fedbff.services.products[0]", "http://10.0.0.1:4003",
                "fedbff.services.products[1].uri", "http://10.0.0.2:4003",
                "fedbff.services.products[1].weight", "3",
                "fedbff.load-balancing.strategy", "least-outstanding",
                "fedbff.load-balancing.services.products.strategy", "weighted");
        ServiceLocator locator = DiscoverySettings.locator(properties, Map.of(), Stream.empty(), new MutableClock());

        List<URI> picks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            picks.add(locator.locate("products").block());
        }

        assertThat(picks).filteredOn(uri -> uri.getHost().equals("10.0.0.2")).hasSize(6);
    }

    @Test
    void aBadAddressOrWeightIsRefusedNamingTheSetting() {
        GatewayProperties properties = ResilienceFixture.bind(
                "fedbff.services.products[0].uri", "http://10.0.0.1:4003",
                "fedbff.services.products[0].weight", "0");

        assertThatThrownBy(() -> DiscoverySettings.instances(properties.services()))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("fedbff.services.products").hasMessageContaining("must be 1 or more");
    }

    @Test
    void aServiceInheritsItsBaseConfigThenTheDefaults() {
        ResilienceFixture resilience = ResilienceFixture.of(
                "fedbff.resilience.timeout", "2s",
                "fedbff.resilience.failure-rate-threshold", "40",
                "fedbff.resilience.configs.slow-backends.timeout", "8s",
                "fedbff.resilience.configs.slow-backends.slow-call-duration", "6s",
                "fedbff.resilience.configs.slow-backends.retry.max-attempts", "1",
                "fedbff.resilience.services.payments.base-config", "slow-backends",
                "fedbff.resilience.services.payments.failure-rate-threshold", "30",
                "fedbff.resilience.services.users.wait-in-open-state", "20s");

        assertThat(resilience.timeLimiters().timeLimiter("payments").getTimeLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(8));
        CircuitBreakerConfig payments = resilience.breakers().circuitBreaker("payments").getCircuitBreakerConfig();
        assertThat(payments.getFailureRateThreshold()).isEqualTo(30f);
        assertThat(payments.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(6));
        assertThat(payments.getWaitIntervalFunctionInOpenState().apply(1)).as("the default").isEqualTo(10_000L);
        assertThat(resilience.retries().retry("payments").getRetryConfig().getMaxAttempts()).isEqualTo(1);
        assertThat(resilience.bulkheads().bulkhead("payments").getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(200);

        assertThat(resilience.breakers().circuitBreaker("users").getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(40f);
        assertThat(resilience.timeLimiters().timeLimiter("products").getTimeLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(resilience.retries().retry("products").getRetryConfig().getMaxAttempts()).isEqualTo(3);
        assertThat(resilience.timeLimiters().getConfiguration("slow-backends")).isPresent();
    }

    @Test
    void aBaseConfigThatDoesNotExistIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ResilienceFixture.of("fedbff.resilience.services.payments.base-config", "slow"))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("fedbff.resilience.services.payments.base-config")
                .hasMessageContaining("no shared config of that name");
    }

    @Test
    void theRequestBudgetDefaultsToTenSeconds() {
        assertThat(ResilienceFixture.bind().resilience().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ResilienceFixture.bind("fedbff.resilience.request-timeout", "750ms").resilience().requestTimeout()).isEqualTo(Duration.ofMillis(750));
    }

    private static List<String> describe(List<ServiceInstance> instances) {
        return instances.stream().map(instance -> instance.getUri() + " weight=" + instance.getMetadata().get("weight")).toList();
    }
}
