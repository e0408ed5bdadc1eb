/**
 * Shaping: the client's response built from the merged fetch results with GraphQL's semantics — only the fields
 * asked for, under their aliases, with fragments, {@code @skip}/{@code @include} and null propagation.
 */
@NullMarked
package dev.fedbff.gateway.shape;

import org.jspecify.annotations.NullMarked;
