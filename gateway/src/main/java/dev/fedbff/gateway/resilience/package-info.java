/**
 * Resilience: wraps every {@link dev.fedbff.gateway.connect.SubgraphConnector} call (and every REST passthrough call) in
 * a Resilience4j bulkhead, time limiter, circuit breaker and, for reads, retry, all named after the backend, so
 * {@code payments} is {@code payments} in YAML, metrics and logs; and keeps each call within its request's
 * {@link dev.fedbff.gateway.core.Deadline}.
 */
@NullMarked
package dev.fedbff.gateway.resilience;

import org.jspecify.annotations.NullMarked;
