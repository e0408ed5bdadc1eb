package dev.fedbff.gateway.config;

import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.edge.GraphQLGateway;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code graph} health component, part of readiness: DOWN while no graph is loaded, UP with the graph serving —
 * its {@code version} (a SHA-256 over the supergraph's schema files), when it was loaded ({@code loadedAt}) and its
 * subgraphs. Readiness also holds Spring's {@code readinessState}, which is down until the application has started and
 * again from the moment a graceful shutdown begins.
 *
 * <p>To show more about the graph (reload status, say), define a {@link Details} bean: it adds to the details.
 */
final class GraphReadiness implements HealthIndicator {

    /** More details of the {@code graph} component, contributed by another part of the gateway. */
    @FunctionalInterface
    interface Details {
        /** Adds this part's details to the component's, e.g. {@code health.withDetail("reload", "idle")}. */
        void addTo(Health.Builder health);
    }

    private final Supplier<@Nullable GraphQLGateway> gateway;
    private final List<Details> more;

    GraphReadiness(Supplier<@Nullable GraphQLGateway> gateway, List<Details> more) {
        this.gateway = gateway;
        this.more = List.copyOf(more);
    }

    @Override
    public Health health() {
        GraphQLGateway serving = gateway.get();
        if (serving == null) {
            return Health.down().withDetail("graph", "no graph loaded yet").build();
        }
        Supergraph supergraph = serving.supergraph();
        Health.Builder health = Health.up()
                .withDetail("version", supergraph.version())
                .withDetail("loadedAt", serving.loadedAt().toString())
                .withDetail("subgraphs", supergraph.subgraphs().size());
        more.forEach(details -> details.addTo(health));
        return health.build();
    }
}
