package dev.fedbff.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * GraphiQL under {@code fedbff.graphiql}.
 *
 * @param enabled whether {@code /graphiql} serves GraphiQL (the BFFs turn it on in their {@code dev} profile only)
 */
@ConfigurationProperties("fedbff.graphiql")
public record GraphiQLProperties(boolean enabled) {
}
