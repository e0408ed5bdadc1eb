/**
 * Spring Boot wiring of the engine: properties under {@code fedbff.*}, the beans, the {@code /graphql} route and the
 * security chain. Nothing in the engine depends on this package.
 */
@NullMarked
package dev.fedbff.gateway.config;

import org.jspecify.annotations.NullMarked;
