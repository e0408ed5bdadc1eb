package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.Caller;
import org.springframework.http.HttpHeaders;

/** The header names that carry the caller's verified identity to backends, and the one rule that writes them. */
public record IdentityHeaders(String subject, String roles) {

    public static final IdentityHeaders DEFAULT = new IdentityHeaders("X-User-Id", "X-User-Roles");

    /** Sets the verified subject and its roles (comma-separated); an anonymous caller gets neither. */
    public void write(HttpHeaders headers, Caller caller) {
        if (caller.anonymous()) {
            return;
        }
        headers.set(subject, caller.subject());
        headers.set(roles, String.join(",", caller.roles()));
    }
}
