/**
 * Rate limiting, split as in Spring Cloud Gateway: who is calling (a key) and may they (token buckets).
 * The same gate serves {@code /graphql} and the REST passthrough routes.
 */
@NullMarked
package dev.fedbff.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
