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
