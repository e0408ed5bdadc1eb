package dev.fedbff.gateway.config;

import dev.fedbff.gateway.compose.Subgraph;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.edge.GraphQLGateway;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.List;

/**
 * The {@code schema} health component: the graph serving (version, subgraphs) and, under {@code reload}, how reloads
 * went, with the errors of the last failed one while the old graph keeps serving. Always up: a failed reload does not
 * stop a BFF from serving the graph it has.
 */
final class SchemaHealthIndicator implements HealthIndicator {

    /** The graph serving and how reloads went: the component's details, and what {@code GET /actuator/schema} answers. */
    record Serving(String version, List<String> subgraphs, SchemaReloader.Details reload) {
    }

    private final GraphQLGateway gateway;
    private final @Nullable SchemaReloader reloader;

    SchemaHealthIndicator(GraphQLGateway gateway, @Nullable SchemaReloader reloader) {
        this.gateway = gateway;
        this.reloader = reloader;
    }

    Serving serving() {
        Supergraph serving = gateway.supergraph();
        return new Serving(serving.version(), serving.subgraphs().stream().map(Subgraph::name).toList(),
                reloader == null ? SchemaReloader.Details.DISABLED : reloader.details());
    }

    @Override
    public Health health() {
        Serving serving = serving();
        return Health.up()
                .withDetail("version", serving.version())
                .withDetail("subgraphs", serving.subgraphs())
                .withDetail("reload", serving.reload())
                .build();
    }
}
