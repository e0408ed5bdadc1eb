/**
 * Composition: subgraph schema files in, an immutable {@link dev.fedbff.gateway.compose.Supergraph} out.
 * Pure Java: no I/O, no Reactor, no Spring.
 */
@NullMarked
package dev.fedbff.gateway.compose;

import org.jspecify.annotations.NullMarked;
