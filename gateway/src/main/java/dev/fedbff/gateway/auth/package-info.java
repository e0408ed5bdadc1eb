/**
 * Who is calling: bearer tokens verified with Spring Security's reactive resource server (HS256 with a shared
 * secret, RS256/ES256 from a JWKS URL), roles read from a configurable claim, and client-sent identity headers
 * removed before anything else sees the request.
 */
@NullMarked
package dev.fedbff.gateway.auth;

import org.jspecify.annotations.NullMarked;
