package dev.fedbff.gateway.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who may read a field: Apollo's {@code @authenticated} (any verified caller) and {@code @requiresScopes} (one of
 * the scope sets, each fully granted). Rules from several subgraphs or from the field and its type all apply.
 *
 * @param scopeAlternatives empty when no scopes are required; otherwise the caller needs every scope of one set
 */
public record AccessRule(boolean authenticated, List<Set<String>> scopeAlternatives) {

    public static final AccessRule OPEN = new AccessRule(false, List.of());

    /**
     * The rule {@code @authenticated} and {@code @requiresScopes(scopes: [[...]])} (named {@code authenticated} and
     * {@code requiresScopes} where the schema imports them) declare on one element, or null when it has neither.
     */
    static AccessRule declared(graphql.language.DirectivesContainer<?> element, String authenticated, String requiresScopes) {
        boolean needsAuthentication = !element.getDirectives(authenticated).isEmpty();
        List<Set<String>> scopes = new ArrayList<>();
        for (graphql.language.Directive requires : element.getDirectives(requiresScopes)) {
            graphql.language.Argument argument = requires.getArgument("scopes");
            if (argument != null && argument.getValue() instanceof graphql.language.ArrayValue alternatives) {
                for (graphql.language.Value<?> alternative : alternatives.getValues()) {
                    if (alternative instanceof graphql.language.ArrayValue set) {
                        scopes.add(set.getValues().stream().filter(v -> v instanceof graphql.language.StringValue)
                                .map(v -> ((graphql.language.StringValue) v).getValue())
                                .collect(java.util.stream.Collectors.toUnmodifiableSet()));
                    }
                }
            }
        }
        return needsAuthentication || !scopes.isEmpty() ? new AccessRule(needsAuthentication, List.copyOf(scopes)) : null;
    }

    public boolean allows(boolean callerAuthenticated, Set<String> callerScopes) {
        if (authenticated && !callerAuthenticated) {
            return false;
        }
        return scopeAlternatives.isEmpty() || scopeAlternatives.stream().anyMatch(callerScopes::containsAll);
    }

    /** Both rules at once: authenticated if either says so; scopes satisfying one set of each. */
    AccessRule and(AccessRule other) {
        if (other.scopeAlternatives.isEmpty() || scopeAlternatives.isEmpty()) {
            List<Set<String>> scopes = scopeAlternatives.isEmpty() ? other.scopeAlternatives : scopeAlternatives;
            return new AccessRule(authenticated || other.authenticated, scopes);
        }
        List<Set<String>> combined = new ArrayList<>();
        for (Set<String> mine : scopeAlternatives) {
            for (Set<String> theirs : other.scopeAlternatives) {
                Set<String> both = new java.util.LinkedHashSet<>(mine);
                both.addAll(theirs);
                combined.add(Set.copyOf(both));
            }
        }
        return new AccessRule(authenticated || other.authenticated, List.copyOf(combined));
    }
}
