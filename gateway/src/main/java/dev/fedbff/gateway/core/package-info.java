/**
 * The few types every stage shares: who is calling ({@link dev.fedbff.gateway.core.Caller}), one request's context
 * and time budget ({@link dev.fedbff.gateway.core.RequestContext}, {@link dev.fedbff.gateway.core.Deadline}), the
 * one GraphQL error record ({@link dev.fedbff.gateway.core.ResponseError}) and JSON. Depends on no other package of the
 * gateway.
 */
@NullMarked
package dev.fedbff.gateway.core;

import org.jspecify.annotations.NullMarked;
