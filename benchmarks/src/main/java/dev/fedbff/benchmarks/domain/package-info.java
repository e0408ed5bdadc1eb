/**
 * The project's own domain under load: the profile query and a large list over the four sample backends, with
 * products and payments also served as GraphQL subgraphs for the gateways that cannot call REST, and the direct
 * calls a hand-written client makes for the profile, to compare latencies with.
 */
@NullMarked
package dev.fedbff.benchmarks.domain;

import org.jspecify.annotations.NullMarked;
