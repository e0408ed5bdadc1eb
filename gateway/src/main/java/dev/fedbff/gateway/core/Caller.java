package dev.fedbff.gateway.core;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Set;

/**
 * The verified identity of the client, forwarded to every backend. Never taken from client headers.
 *
 * @param subject the token's {@code sub}, or null for an anonymous caller
 * @param token   the caller's raw bearer token, sent on as {@code Authorization} only to the backends configured to
 *                receive it ({@code fedbff.forward-authorization}); null when there is none
 * @param scopes  the token's OAuth scopes ({@code scope} or {@code scp}), which {@code @requiresScopes} checks
 */
public record Caller(@Nullable String subject, List<String> roles, @Nullable String token, Set<String> scopes) {

    public static final Caller ANONYMOUS = new Caller(null, List.of(), null, Set.of());

    public Caller(@Nullable String subject, List<String> roles) {
        this(subject, roles, null, Set.of());
    }

    public Caller(@Nullable String subject, List<String> roles, @Nullable String token) {
        this(subject, roles, token, Set.of());
    }

    public boolean anonymous() {
        return subject == null;
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "Caller[subject=" + subject + ", roles=" + roles + ", scopes=" + scopes + (token == null ? "" : ", token=(redacted)") + "]";
    }
}
