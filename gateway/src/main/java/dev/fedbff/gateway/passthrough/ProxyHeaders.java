package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.connect.IdentityHeaders;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
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

    private static final String AUTHORIZATION = HttpHeaders.AUTHORIZATION.toLowerCase(Locale.ROOT);

    private final IdentityHeaders identity;
    private final Set<String> authorizationServices;
    private final String subjectHeader;
    private final String rolesHeader;

    /** @param authorizationServices the services that get the client's {@code Authorization} on every route ({@code fedbff.forward-authorization}) */
    ProxyHeaders(IdentityHeaders identity, Set<String> authorizationServices) {
        this.identity = identity;
        this.authorizationServices = Set.copyOf(authorizationServices);
        this.subjectHeader = identity.subject().toLowerCase(Locale.ROOT);
        this.rolesHeader = identity.roles().toLowerCase(Locale.ROOT);
    }

    /**
     * The headers the backend gets.
     *
     * @param answerConditionals true when the gateway answers {@code If-None-Match} itself (a cached route's GET)
     */
    HttpHeaders toBackend(ServerHttpRequest request, Route route, Caller caller, String forwardedPrefix, boolean answerConditionals) {
        HttpHeaders incoming = request.getHeaders();
        boolean authorization = route.forwardAuthorization() || authorizationServices.contains(route.service());
        Set<String> named = connectionTokens(incoming);
        HttpHeaders out = new HttpHeaders();
        incoming.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean dropped = HOP_BY_HOP.contains(lower) || REQUEST_ONLY.contains(lower) || lower.equals(subjectHeader) || lower.equals(rolesHeader)
                    || !authorization && lower.equals(AUTHORIZATION) || answerConditionals && CONDITIONAL.contains(lower)
                    || !named.isEmpty() && named.contains(lower);
            if (!dropped) {
                out.addAll(name, values);
            }
        });
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
        Set<String> named = connectionTokens(fromBackend);
        HttpHeaders out = new HttpHeaders();
        fromBackend.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && (named.isEmpty() || !named.contains(lower))) {
                out.addAll(name, values);
            }
        });
        return out;
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

    /** The header names a {@code Connection} header lists (lower case); none, without allocating, when there is none. */
    private static Set<String> connectionTokens(HttpHeaders headers) {
        List<String> connection = headers.get(HttpHeaders.CONNECTION);
        if (connection == null || connection.isEmpty()) {
            return Set.of();
        }
        Set<String> tokens = new TreeSet<>();
        for (String value : connection) {
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
