/**
 * The edge: GraphQL over HTTP in and out, the document and plan caches, and the walk through plan, execute and
 * shape for each request.
 */
@NullMarked
package dev.fedbff.gateway.edge;

import org.jspecify.annotations.NullMarked;
