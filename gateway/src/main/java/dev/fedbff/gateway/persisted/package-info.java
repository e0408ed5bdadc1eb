/**
 * Persisted operations: Apollo's automatic persisted queries (a hash stands for a query the client sent once), kept in
 * memory or in Redis for every replica, and trusted documents (a manifest of the operations a client ships, in Apollo's
 * persisted-query-manifest format) with the modes that decide what happens to operations not in it.
 */
@NullMarked
package dev.fedbff.gateway.persisted;

import org.jspecify.annotations.NullMarked;
