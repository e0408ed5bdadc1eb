package dev.fedbff.benchmarks.server;

import graphql.GraphQL;

/** One benchmark subgraph: the service name gateways call it by, and its executable schema. */
public interface Subgraph {

    String subgraphName();

    GraphQL graphQL();
}
