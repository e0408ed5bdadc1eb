package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.connect.IdentityHeaders;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which headers cross the gateway. Hop-by-hop headers (RFC 9110 §7.6.1, and any named in {@code Connection}) stop
 * here in both directions; the client's identity headers and {@code Authorization} never reach a backend, the
 * verified identity does; {@code X-Forwarded-*} and {@code Forwarded} are appended as Spring Cloud Gateway does.
 */
final class ProxyHeaders {

    private static final Set<String> HOP_BY_HOP = lowerCase("Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
            "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade");

    /** Request headers that describe this hop or that the gateway answers itself. */
    private static final Set<String> REQUEST_ONLY = lowerCase("Host", "Expect", "Content-Length");

    /** Conditional headers the gateway answers from its cache instead of passing them on. */
    private static final Set<String> CONDITIONAL = lowerCase("If-None-Match", "If-Modified-Since");

    private final IdentityHeaders identity;
    private final Set<String> authorizationServices;

    /** @param authorizationServices the services that get the client's {@code Authorization} on every route ({@code fedbff.forward-authorization}) */
    ProxyHeaders(IdentityHeaders identity, Set<String> authorizationServices) {
        this.identity = identity;
        this.authorizationServices = Set.copyOf(authorizationServices);
    }

    /**
     * The headers the backend gets.
     *
     * @param answerConditionals true when the gateway answers {@code If-None-Match} itself (a cached route's GET)
     */
    HttpHeaders toBackend(ServerHttpRequest request, Route route, Caller caller, String forwardedPrefix, boolean answerConditionals) {
        HttpHeaders incoming = request.getHeaders();
        Set<String> drop = new TreeSet<>(HOP_BY_HOP);
        drop.addAll(connectionTokens(incoming));
        drop.addAll(REQUEST_ONLY);
        drop.add(identity.subject().toLowerCase(Locale.ROOT));
        drop.add(identity.roles().toLowerCase(Locale.ROOT));
        if (!route.forwardAuthorization() && !authorizationServices.contains(route.service())) {
            drop.add(HttpHeaders.AUTHORIZATION.toLowerCase(Locale.ROOT));
        }
        if (answerConditionals) {
            drop.addAll(CONDITIONAL);
        }
        HttpHeaders out = copyWithout(incoming, drop);
        long length = incoming.getContentLength();
        if (length >= 0 && !isChunked(incoming)) {
            out.setContentLength(length);
        }
        identity.write(out, caller);
        addForwarded(request, out, forwardedPrefix);
        return out;
    }

    /** The backend's headers as the client gets them: without hop-by-hop headers. */
    static HttpHeaders toClient(HttpHeaders fromBackend) {
        Set<String> drop = new TreeSet<>(HOP_BY_HOP);
        drop.addAll(connectionTokens(fromBackend));
        return copyWithout(fromBackend, drop);
    }

    static boolean isChunked(HttpHeaders headers) {
        String encoding = headers.getFirst(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** True when the request carries a body: a positive {@code Content-Length} or a chunked transfer. */
    static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || isChunked(headers);
    }

    private static void addForwarded(ServerHttpRequest request, HttpHeaders out, String prefix) {
        URI uri = request.getURI();
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme();
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        InetSocketAddress remote = request.getRemoteAddress();
        String client = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
        if (client != null) {
            append(out, "X-Forwarded-For", client);
        }
        append(out, "X-Forwarded-Proto", scheme);
        if (host != null) {
            append(out, "X-Forwarded-Host", host);
        }
        append(out, "X-Forwarded-Port", Integer.toString(port));
        if (!prefix.isEmpty()) {
            append(out, "X-Forwarded-Prefix", prefix);
        }
        StringBuilder forwarded = new StringBuilder();
        if (client != null) {
            forwarded.append("for=").append(client.contains(":") ? "\"[" + client + "]\"" : client).append(';');
        }
        if (host != null) {
            forwarded.append("host=\"").append(host.replace("\"", "")).append("\";");
        }
        forwarded.append("proto=").append(scheme);
        append(out, "Forwarded", forwarded.toString());
    }

    private static void append(HttpHeaders headers, String name, String value) {
        String existing = String.join(", ", headers.getOrEmpty(name));
        headers.set(name, existing.isBlank() ? value : existing + ", " + value);
    }

    private static HttpHeaders copyWithout(HttpHeaders source, Set<String> lowerCaseNames) {
        HttpHeaders out = new HttpHeaders();
        source.forEach((name, values) -> {
            if (!lowerCaseNames.contains(name.toLowerCase(Locale.ROOT))) {
                out.addAll(name, values);
            }
        });
        return out;
    }

    private static Set<String> connectionTokens(HttpHeaders headers) {
        Set<String> tokens = new TreeSet<>();
        for (String value : headers.getOrEmpty(HttpHeaders.CONNECTION)) {
            Arrays.stream(value.split(",")).map(String::trim).filter(token -> !token.isEmpty())
                    .forEach(token -> tokens.add(token.toLowerCase(Locale.ROOT)));
        }
        return tokens;
    }

    private static Set<String> lowerCase(String... names) {
        Set<String> set = new TreeSet<>();
        Arrays.stream(names).forEach(name -> set.add(name.toLowerCase(Locale.ROOT)));
        return Set.copyOf(set);
    }
}
