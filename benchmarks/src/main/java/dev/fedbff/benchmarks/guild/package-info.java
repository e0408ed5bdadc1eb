/**
 * The Guild's gateway benchmark (graphql-hive/graphql-gateways-benchmark): its four Federation 1 subgraphs in Java, each
 * answering from a response cache, and its query.
 */
@NullMarked
package dev.fedbff.benchmarks.guild;

import org.jspecify.annotations.NullMarked;
