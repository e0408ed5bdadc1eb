/**
 * What an operator watches: one {@link dev.fedbff.gateway.observe.RequestObserver} per client request (request id,
 * access-log line, request and error metrics), a timer per backend fetch ({@link dev.fedbff.gateway.observe.BackendMetrics}),
 * rate-limit decisions counted per policy ({@link dev.fedbff.gateway.observe.MeteredRateLimitGate}). Metric names and
 * tags are listed in README's Observability section.
 */
@NullMarked
package dev.fedbff.gateway.observe;

import org.jspecify.annotations.NullMarked;
