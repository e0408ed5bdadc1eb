package dev.fedbff.gateway.connect;

import org.jspecify.annotations.Nullable;

/**
 * Resolves one field a BFF owns, in the BFF's process: from the entity the plan hands it (its key and the fields its
 * {@code @requires} names, fetched from the other subgraphs first) and the request's caller and languages.
 */
@FunctionalInterface
public interface OwnFieldResolver {

    /** The field's value as plain Java: a String, a number, a Boolean, a {@code Map} for an object, a {@code List}. */
    @Nullable Object resolve(OwnFieldEnvironment environment);
}
