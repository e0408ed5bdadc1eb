/**
 * Execution: walks a {@link dev.fedbff.gateway.plan.QueryPlan}, makes its fetches through a
 * {@link dev.fedbff.gateway.connect.SubgraphConnector} (independent ones at the same time) and merges the answers.
 */
@NullMarked
package dev.fedbff.gateway.execute;

import org.jspecify.annotations.NullMarked;
