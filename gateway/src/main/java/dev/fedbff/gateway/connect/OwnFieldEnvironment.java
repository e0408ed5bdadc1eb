package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.core.JsonObject;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an {@link OwnFieldResolver} gets for one field of one entity.
 *
 * @param entity    the entity as the plan sends it: {@code __typename}, its key fields and the fields its
 *                  {@code @requires} names (for a root field, empty)
 * @param arguments the field's arguments, defaults applied
 * @param caller    who is asking
 * @param languages the client's {@code Accept-Language}, most preferred first; empty when it sent none
 */
public record OwnFieldEnvironment(JsonObject entity, Map<String, Object> arguments, Caller caller, List<Locale.LanguageRange> languages) {

    /** The supported locale the client prefers most ({@link Locale#lookup}), else {@code fallback}. */
    public Locale locale(Collection<Locale> supported, Locale fallback) {
        Locale match = Locale.lookup(languages, supported);
        return match == null ? fallback : match;
    }
}
