package dev.fedbff.gateway.connect;

/** The header names that carry the caller's verified identity to backends. */
public record IdentityHeaders(String subject, String roles) {

    public static final IdentityHeaders DEFAULT = new IdentityHeaders("X-User-Id", "X-User-Roles");
}
