package dev.fedbff.gateway.auth;

import dev.fedbff.gateway.core.Caller;
import org.jspecify.annotations.Nullable;

import java.security.Principal;

/** The one way both surfaces learn who is calling: the {@link Caller} the security chain built from the token. */
public final class Callers {

    private Callers() {
    }

    /** The caller behind a request's principal; {@link Caller#ANONYMOUS} without a verified token. */
    public static Caller of(@Nullable Principal principal) {
        if (principal instanceof CallerToken token && token.isAuthenticated()) {
            return token.caller();
        }
        return Caller.ANONYMOUS;
    }

}
