package dev.fedbff.gateway.connect;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * The verified identity of the client, forwarded to every backend. Never taken from client headers.
 *
 * @param subject the token's {@code sub}, or null for an anonymous caller
 * @param token   the caller's raw bearer token, sent on as {@code Authorization} only to the backends configured to
 *                receive it ({@code fedbff.forward-authorization}); null when there is none
 */
public record Caller(@Nullable String subject, List<String> roles, @Nullable String token) {

    public static final Caller ANONYMOUS = new Caller(null, List.of(), null);

    public Caller(@Nullable String subject, List<String> roles) {
        this(subject, roles, null);
    }

    public boolean anonymous() {
        return subject == null;
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "Caller[subject=" + subject + ", roles=" + roles + (token == null ? "" : ", token=(redacted)") + "]";
    }
}
