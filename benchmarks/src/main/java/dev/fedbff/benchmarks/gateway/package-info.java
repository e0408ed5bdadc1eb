/** The engine launched for the side-by-side benchmark, and the token its load generator sends. */
@NullMarked
package dev.fedbff.benchmarks.gateway;

import org.jspecify.annotations.NullMarked;
