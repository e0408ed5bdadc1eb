package dev.fedbff.gateway.config;

import dev.fedbff.gateway.edge.GraphQLGateway;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Hot reload of the schema ({@code fedbff.schema.reload}, on by default): a watcher of the schema files, the
 * {@code schema} management endpoint, both through one {@link SchemaReloader}; and the {@code schema} health component,
 * there with reload on or off.
 */
@Configuration(proxyBeanMethods = false)
class SchemaReloadConfiguration {

    @Bean
    @ConditionalOnProperty(name = "fedbff.schema.reload.enabled", havingValue = "true", matchIfMissing = true)
    SchemaReloader fedbffSchemaReloader(SupergraphSource source, GraphQLGateway gateway, ObjectProvider<Clock> clock,
                                        ObjectProvider<MeterRegistry> meters) {
        return new SchemaReloader(source, gateway, clock.getIfUnique(Clock::systemUTC), meters.getIfUnique());
    }

    @Bean
    @ConditionalOnProperty(name = "fedbff.schema.reload.enabled", havingValue = "true", matchIfMissing = true)
    SchemaWatcher fedbffSchemaWatcher(GatewayProperties properties, SchemaReloader fedbffSchemaReloader) {
        return SchemaWatcher.of(properties.schema(), fedbffSchemaReloader);
    }

    @Bean
    SchemaHealthIndicator schemaHealthIndicator(GraphQLGateway gateway, ObjectProvider<SchemaReloader> reloader) {
        return new SchemaHealthIndicator(gateway, reloader.getIfAvailable());
    }

    @Bean
    @ConditionalOnProperty(name = "fedbff.schema.reload.enabled", havingValue = "true", matchIfMissing = true)
    SchemaEndpoint fedbffSchemaEndpoint(SchemaHealthIndicator schemaHealthIndicator, SchemaReloader fedbffSchemaReloader) {
        return new SchemaEndpoint(schemaHealthIndicator, fedbffSchemaReloader);
    }
}
