package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.Set;

/**
 * The headers of a fetch's backend calls: JSON accepted (and sent, with a body), the caller's identity, and the
 * caller's bearer token to the services configured to receive it ({@code fedbff.forward-authorization}). Never a
 * header the client sent.
 */
public final class FetchHeaders {

    private final IdentityHeaders identity;
    private final Set<String> forwardAuthorization;

    public FetchHeaders(IdentityHeaders identity, Set<String> forwardAuthorization) {
        this.identity = identity;
        this.forwardAuthorization = Set.copyOf(forwardAuthorization);
    }

    HttpHeaders of(String service, Caller caller, boolean jsonBody) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
        if (jsonBody) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        identity.write(headers, caller);
        if (caller.token() != null && forwardAuthorization.contains(service)) {
            headers.setBearerAuth(caller.token());
        }
        return headers;
    }
}
