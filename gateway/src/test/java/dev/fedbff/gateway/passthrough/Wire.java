package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.core.Json;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: the test sends exactly the bytes it means (dot segments, {@code //}, hop-by-hop
 * headers that HTTP clients refuse to send) and sees exactly the status and headers that come back.
 */
final class Wire {

    /** A request as written on the wire. */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {

        static Request get(String target) {
            return new Request("GET", target, Map.of(), new byte[0]);
        }

        static Request of(String method, String target) {
            return new Request(method, target, Map.of(), new byte[0]);
        }

        Request header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Request(method, target, more, body);
        }

        Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        Request body(String text) {
            return new Request(method, target, headers, text.getBytes(StandardCharsets.UTF_8));
        }

        /** The body sent with {@code Transfer-Encoding: chunked}, in chunks of 256 bytes: no length declared up front. */
        Request chunked(String text) {
            StringBuilder chunks = new StringBuilder();
            for (int from = 0; from < text.length(); from += 256) {
                String chunk = text.substring(from, Math.min(text.length(), from + 256));
                chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            chunks.append("0\r\n\r\n");
            return header("Transfer-Encoding", "chunked").body(chunks.toString());
        }
    }

    /** What came back; header names are compared case-insensitively. */
    record Reply(int status, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Map<?, ?> json() {
            return (Map<?, ?>) Json.read(body);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    private Wire() {
    }

    static Reply send(int port, Request request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n");
            request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (request.body().length > 0 && !request.headers().containsKey("Content-Length") && !request.headers().containsKey("Transfer-Encoding")) {
                head.append("Content-Length: ").append(request.body().length).append("\r\n");
            }
            if (!request.headers().containsKey("Connection")) {
                head.append("Connection: close\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), request.method().equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        if (head || status == 304 || status == 204) {
            return new Reply(status, headers, new byte[0]);
        }
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        if (encoding.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))) {
            return new Reply(status, headers, chunked(in));
        }
        List<String> length = headers.get("content-length");
        byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length.get(0)));
        return new Reply(status, headers, body);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
            // trailers are not used by these tests
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                break;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
