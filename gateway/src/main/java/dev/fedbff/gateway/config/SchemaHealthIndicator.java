package dev.fedbff.gateway.config;

import dev.fedbff.gateway.compose.Subgraph;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.edge.GraphQLGateway;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.Map;

/**
 * The {@code schema} health component: the graph serving (version, subgraphs) and, under {@code reload}, how reloads
 * went, with the errors of the last failed one while the old graph keeps serving. Always up: a failed reload does not
 * stop a BFF from serving the graph it has.
 */
final class SchemaHealthIndicator implements HealthIndicator {

    private final GraphQLGateway gateway;
    private final @Nullable SchemaReloader reloader;

    SchemaHealthIndicator(GraphQLGateway gateway, @Nullable SchemaReloader reloader) {
        this.gateway = gateway;
        this.reloader = reloader;
    }

    @Override
    public Health health() {
        Supergraph serving = gateway.supergraph();
        return Health.up()
                .withDetail("version", serving.version())
                .withDetail("subgraphs", serving.subgraphs().stream().map(Subgraph::name).toList())
                .withDetail("reload", reloader == null ? Map.of("enabled", false) : reloader.details())
                .build();
    }
}
