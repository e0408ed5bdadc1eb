package dev.fedbff.gateway.connect;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

import java.io.IOException;
import java.net.URI;

/**
 * Sends one HTTP request to a backend over a shared, pooled Reactor Netty client. Adds the caller's identity
 * headers and never forwards any header the client sent.
 */
public final class HttpTransport {

    /** A backend's answer. */
    public record Reply(int status, String contentType, byte[] body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final IdentityHeaders identity;

    public HttpTransport(HttpClient client, IdentityHeaders identity) {
        this.client = client;
        this.identity = identity;
    }

    public Mono<Reply> send(String service, HttpMethod method, URI uri, byte[] body, Caller caller) {
        return client.headers(headers -> {
                    headers.set(HttpHeaderNames.ACCEPT, "application/json");
                    if (body != null) {
                        headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    }
                    if (!caller.anonymous()) {
                        headers.set(identity.subject(), caller.subject());
                        headers.set(identity.roles(), String.join(",", caller.roles()));
                    }
                })
                .request(method).uri(uri)
                .send(body == null ? ByteBufFlux.empty() : ByteBufFlux.fromString(Mono.just(new String(body, java.nio.charset.StandardCharsets.UTF_8))))
                .responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new Reply(response.status().code(), response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE), bytes)))
                .onErrorMap(IOException.class, e -> new SubgraphCallException(service, "SERVICE_UNAVAILABLE",
                        "service " + service + " is unreachable: " + describe(e), 0));
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replaceAll(": .*", "");
    }
}
