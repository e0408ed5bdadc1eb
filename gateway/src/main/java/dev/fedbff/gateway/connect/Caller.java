package dev.fedbff.gateway.connect;

import java.util.List;

/**
 * The verified identity of the client, forwarded to every backend. Never taken from client headers.
 *
 * @param subject the token's {@code sub}, or null for an anonymous caller
 */
public record Caller(String subject, List<String> roles) {

    public static final Caller ANONYMOUS = new Caller(null, List.of());

    public boolean anonymous() {
        return subject == null;
    }
}
