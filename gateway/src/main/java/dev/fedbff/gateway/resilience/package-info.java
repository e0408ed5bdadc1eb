/**
 * Resilience: wraps every {@link dev.fedbff.gateway.connect.SubgraphConnector} call in a Resilience4j time limiter
 * and circuit breaker named after the backend, so {@code payments} is {@code payments} in YAML, metrics and logs.
 */
@NullMarked
package dev.fedbff.gateway.resilience;

import org.jspecify.annotations.NullMarked;
