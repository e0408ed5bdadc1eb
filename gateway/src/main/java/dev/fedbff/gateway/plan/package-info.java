/**
 * Planning: an operation and a supergraph in, an immutable, printable {@link dev.fedbff.gateway.plan.QueryPlan} out.
 * Pure Java: no I/O, no Reactor, no Spring.
 */
@NullMarked
package dev.fedbff.gateway.plan;

import org.jspecify.annotations.NullMarked;
