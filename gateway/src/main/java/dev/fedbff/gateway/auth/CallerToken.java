package dev.fedbff.gateway.auth;

import dev.fedbff.gateway.core.Caller;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;

/** A verified bearer token as Spring Security holds it, with the {@link Caller} built from it once. */
public final class CallerToken extends JwtAuthenticationToken {

    private final Caller caller;

    CallerToken(Jwt jwt, Collection<? extends GrantedAuthority> roles, Caller caller) {
        super(jwt, roles, jwt.getSubject());
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallerToken token && super.equals(token) && caller.equals(token.caller);
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + caller.hashCode();
    }
}
