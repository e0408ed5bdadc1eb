/** What the benchmark subgraphs share: a GraphQL-over-HTTP server answering from a response cache. */
@NullMarked
package dev.fedbff.benchmarks.server;

import org.jspecify.annotations.NullMarked;
