package dev.fedbff.e2e;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One bad request of the corpus, as a file under {@code src/test/resources/bad-input/} describes it, and the answer it
 * must get. The keys of a case (each file's {@code defaults} fill in what a case leaves out):
 *
 * The request line and headers go out as ISO-8859-1, so {@code "\xff"} in YAML is the byte 0xFF.
 *
 * <ul>
 *   <li>{@code name}; {@code bff}: {@code web-bff} (default), {@code mobile-bff} or {@code strict} (a web-bff with
 *       introspection off, an issuer, an audience and a JWKS URL); {@code method} and {@code path}, sent as written</li>
 *   <li>{@code token}: a kind {@link IdentityProvider} mints ({@code valid} by default, {@code none} for no header)</li>
 *   <li>{@code headers}: written as given, CR and LF included; a list value repeats the header, {@code ~} drops a default
 *       ({@code Host}, {@code Authorization}, {@code Content-Type}, {@code Accept}, {@code Content-Length}); a list of
 *       plain strings is one header line each, a list with repeat parts is one value</li>
 *   <li>the body: {@code query} (with {@code variables}, {@code operationName}, {@code extensions}) as a GraphQL request,
 *       in the query string for GET; {@code json} for any JSON; {@code body} for text; {@code bodyBase64} for bytes;
 *       {@code params} for a query string as written; {@code chunked: true} to send the body chunked</li>
 *   <li>{@code expect}: {@code status}; {@code code} ({@code extensions.code}, or the problem's {@code code});
 *       {@code title} (the problem's title); {@code body}: {@code graphql}, {@code problem}, {@code empty}, {@code data}
 *       (a 200 with data and no errors) or {@code any}; {@code data} the exact {@code data}; {@code headers} (a value
 *       ending in {@code *} is a prefix); {@code backends}: {@code none}, or per backend the {@code userId} and
 *       {@code roles} every call must have carried and the {@code absentHeaders} none may have</li>
 * </ul>
 *
 * A text value (query, body, path, header, param) may be a list of parts: strings, and {@code {repeat: n, text: ...}}
 * whose {@code {{i}}} and {@code {{i-1}}} count from 1.
 */
record BadInputCase(String category, String name, Map<String, Object> spec) {

    /** The case as the category's defaults and its own keys make it; {@code expect} is merged key by key. */
    static BadInputCase of(String category, Map<String, Object> defaults, Map<String, Object> own) {
        Map<String, Object> spec = new LinkedHashMap<>(defaults);
        spec.putAll(own);
        Map<String, Object> expect = new LinkedHashMap<>(map(defaults.get("expect")));
        expect.putAll(map(own.get("expect")));
        spec.put("expect", expect);
        return new BadInputCase(category, Objects.requireNonNull((String) own.get("name"), "a case in " + category + " has no name"), spec);
    }

    String bff() {
        return (String) spec.getOrDefault("bff", "web-bff");
    }

    String method() {
        boolean body = List.of("query", "json", "body", "bodyBase64").stream().anyMatch(spec::containsKey);
        return (String) spec.getOrDefault("method", body ? "POST" : "GET");
    }

    String token() {
        return (String) spec.getOrDefault("token", "valid");
    }

    Map<String, Object> expect() {
        return map(spec.get("expect"));
    }

    int status() {
        return ((Number) expect().get("status")).intValue();
    }

    String code() {
        return (String) expect().get("code");
    }

    /** {@code graphql}, {@code problem}, {@code empty}, {@code data} or {@code any}; by default what the path's errors look like. */
    String bodyKind() {
        Object kind = expect().get("body");
        if (kind != null) {
            return (String) kind;
        }
        if (status() == 200) {
            return path().startsWith("/graphql") ? "data" : "any";
        }
        return path().startsWith("/graphql") ? "graphql" : "problem";
    }

    /** A case that no backend may see, sent where the BFF could forward it on its own (a REST route). */
    boolean expectsNoBackendCall() {
        return "none".equals(expect().get("backends")) && !rawPath().startsWith("/graphql");
    }

    /** How the case reads in the test report: what is sent, and what must come back. */
    String displayName() {
        String answer = status() + (code() != null ? " " + code() : expect().get("title") != null ? " " + expect().get("title") : "");
        return name + " (" + bff() + " " + method() + " " + printable(path()) + ") -> " + answer;
    }

    /** The path as written; a GET to {@code /graphql} carries the GraphQL request in the query string. */
    String path() {
        String path = rawPath();
        boolean graphQLParameters = method().equals("GET") && graphQL() && spec.containsKey("query");
        if (!graphQLParameters && !spec.containsKey("params")) {
            return path;
        }
        return path + (path.contains("?") ? "&" : "?") + queryString();
    }

    private String rawPath() {
        return text(spec.getOrDefault("path", "/graphql"));
    }

    /** Whether the request goes to {@code /graphql}: only there do {@code query} and {@code variables} mean anything. */
    private boolean graphQL() {
        return rawPath().startsWith("/graphql");
    }

    /** The request exactly as it goes on the wire. */
    byte[] request(int port, IdentityProvider identity) {
        byte[] body = body();
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Authorization", identity.authorization(token()));
        headers.put("Accept", "*/*");
        if (body.length > 0 || hasBody()) {
            headers.put("Content-Type", "application/json");
        }
        boolean chunked = Boolean.TRUE.equals(spec.get("chunked"));
        if (chunked) {
            headers.put("Transfer-Encoding", "chunked");
        } else if (!method().equals("GET") || body.length > 0) {
            headers.put("Content-Length", Integer.toString(body.length));
        }
        map(spec.get("headers")).forEach((name, value) -> {
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, value);
        });
        headers.put("Connection", "close");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method() + " " + path() + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
        headers.forEach((name, value) -> {
            List<?> values = value instanceof List<?> list && list.stream().noneMatch(Map.class::isInstance) ? list
                    : value == null ? List.of() : List.of(value);
            values.forEach(v -> request.writeBytes((name + ": " + text(v) + "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        });
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(chunked ? chunks(body) : body);
        return request.toByteArray();
    }

    private boolean hasBody() {
        return spec.containsKey("json") || spec.containsKey("body") || spec.containsKey("bodyBase64")
                || spec.containsKey("query") && graphQL() && !method().equals("GET");
    }

    private byte[] body() {
        if (spec.containsKey("bodyBase64")) {
            return Base64.getDecoder().decode(text(spec.get("bodyBase64")));
        }
        if (spec.containsKey("body")) {
            return text(spec.get("body")).getBytes(StandardCharsets.UTF_8);
        }
        if (spec.containsKey("json")) {
            return GraphQLClient.JSON.writeValueAsBytes(spec.get("json"));
        }
        if (hasBody()) {
            return GraphQLClient.JSON.writeValueAsBytes(graphQLRequest());
        }
        return new byte[0];
    }

    private Map<String, Object> graphQLRequest() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", text(spec.get("query")));
        for (String key : List.of("variables", "operationName", "extensions")) {
            if (spec.containsKey(key)) {
                request.put(key, spec.get(key));
            }
        }
        return request;
    }

    private String queryString() {
        Map<String, String> params = new LinkedHashMap<>();
        if (spec.containsKey("query") && graphQL() && method().equals("GET")) {
            params.put("query", text(spec.get("query")));
        }
        if (spec.containsKey("variables") && params.containsKey("query")) {
            params.put("variables", GraphQLClient.JSON.writeValueAsString(spec.get("variables")));
        }
        if (spec.containsKey("operationName") && params.containsKey("query")) {
            params.put("operationName", String.valueOf(spec.get("operationName")));
        }
        map(spec.get("params")).forEach((name, value) -> params.put(name, text(value)));
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static byte[] chunks(byte[] body) {
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 8192) {
            int length = Math.min(8192, body.length - offset);
            chunked.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(body, offset, length);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunked.toByteArray();
    }

    /** A text value: a string, or a list of strings and {@code {repeat: n, text: ...}} parts. */
    static String text(Object value) {
        if (value instanceof Map<?, ?> repeat) {
            return text(List.of(repeat));
        }
        if (!(value instanceof List<?> parts)) {
            return String.valueOf(value);
        }
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (!(part instanceof Map<?, ?> repeat)) {
                text.append(part);
                continue;
            }
            int times = ((Number) repeat.get("repeat")).intValue();
            String template = String.valueOf(repeat.get("text"));
            for (int i = 1; i <= times; i++) {
                text.append(template.replace("{{i-1}}", Integer.toString(i - 1)).replace("{{i}}", Integer.toString(i)));
            }
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static String printable(String path) {
        String shown = path.length() > 60 ? path.substring(0, 57) + "..." : path;
        StringBuilder out = new StringBuilder();
        shown.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\x%02x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
