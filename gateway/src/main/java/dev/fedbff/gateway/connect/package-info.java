/**
 * Connectors: how a fetch reaches a backend. GraphQL over HTTP for GraphQL subgraphs, REST for subgraphs bound
 * with {@code @connect}, and the {@link dev.fedbff.gateway.connect.ServiceLocator} that turns service names into addresses:
 * instances from Spring Cloud discovery clients, balanced by strategy, failing ones ejected for a while.
 */
@NullMarked
package dev.fedbff.gateway.connect;

import org.jspecify.annotations.NullMarked;
