package dev.fedbff.gateway.passthrough;

import java.util.List;

/**
 * Path patterns the security chain lets through without a token: the paths of routes with
 * {@code auth-required: false}. A bean, so the chain reads it without knowing about routes.
 */
public record PublicPaths(List<String> patterns) {

    public PublicPaths {
        patterns = List.copyOf(patterns);
    }

    public String[] toArray() {
        return patterns.toArray(String[]::new);
    }
}
